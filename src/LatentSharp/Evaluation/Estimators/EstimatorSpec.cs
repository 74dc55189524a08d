namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// An estimator as written on the command line: <c>name[:key=value,...]</c>, e.g. <c>probe</c>,
/// <c>knn:k=5,metric=cosine</c>, <c>denoising:noise=gaussian:0.4</c>. The name ends at the first
/// <c>:</c>; options are separated by <c>,</c>; each key ends at its first <c>=</c>, so a value may
/// hold <c>:</c>, <c>+</c> and <c>=</c> (a noise spec) but not <c>,</c>. Names and keys are
/// case-insensitive. This type checks the grammar only; <see cref="EstimatorCatalog"/> checks the
/// name, the keys and the values.
/// </summary>
public sealed record EstimatorSpec
{
    EstimatorSpec(string name, IReadOnlyList<KeyValuePair<string, string>> options) => (Name, Options) = (name, options);

    /// <summary>The estimator's name, lower case.</summary>
    public string Name { get; }

    /// <summary>The options in the order given, keys lower case.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="EstimatorException">Empty name, an option without <c>=</c>, an empty key or value, or a key given twice.</exception>
    public static EstimatorSpec Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new EstimatorException("An estimator spec is empty; write name[:key=value,...], e.g. knn:k=5.");
        text = text.Trim();
        int colon = text.IndexOf(':');
        var name = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        if (name.Length == 0)
            throw new EstimatorException($"'{text}' has no estimator name; write name[:key=value,...], e.g. knn:k=5.");
        var options = new List<KeyValuePair<string, string>>();
        if (colon >= 0)
        {
            foreach (var raw in text[(colon + 1)..].Split(','))
            {
                int equals = raw.IndexOf('=');
                var key = (equals < 0 ? raw : raw[..equals]).Trim().ToLowerInvariant();
                var value = equals < 0 ? "" : raw[(equals + 1)..].Trim();
                if (equals < 0 || key.Length == 0 || value.Length == 0)
                    throw new EstimatorException($"'{raw.Trim()}' in '{text}' is not key=value; write {name}:key=value,key=value.");
                if (options.Any(o => o.Key == key))
                    throw new EstimatorException($"'{key}' is given twice in '{text}'.");
                options.Add(new(key, value));
            }
        }
        return new EstimatorSpec(name, options);
    }

    /// <summary>The spec as text: <c>name</c> or <c>name:key=value,...</c>.</summary>
    public override string ToString() =>
        Options.Count == 0 ? Name : $"{Name}:{string.Join(",", Options.Select(o => $"{o.Key}={o.Value}"))}";
}
