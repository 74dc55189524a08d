namespace LatentSharp.Training;

/// <summary>Sample-weighted running means of named figures.</summary>
public sealed class MetricAccumulator
{
    readonly Dictionary<string, double> _sums = new();

    /// <summary>Total weight (samples) added so far.</summary>
    public double Weight { get; private set; }

    /// <summary>Adds one batch's figures, weighted by its size.</summary>
    public void Add(IReadOnlyDictionary<string, double> values, double weight)
    {
        foreach (var (key, value) in values)
            _sums[key] = _sums.GetValueOrDefault(key) + value * weight;
        Weight += weight;
    }

    /// <summary>The weighted means, each key prefixed (e.g. <c>train.</c>).</summary>
    public Dictionary<string, double> Means(string prefix = "")
    {
        var result = new Dictionary<string, double>();
        foreach (var (key, sum) in _sums)
            result[prefix + key] = Weight > 0 ? sum / Weight : double.NaN;
        return result;
    }

    /// <summary>The mean of one key, or NaN when absent.</summary>
    public double Mean(string key) => Weight > 0 && _sums.TryGetValue(key, out var s) ? s / Weight : double.NaN;

    /// <summary>Raw sums and weight, for checkpoints.</summary>
    internal (IReadOnlyDictionary<string, double> Sums, double Weight) Snapshot() => (new Dictionary<string, double>(_sums), Weight);

    /// <summary>Restores <see cref="Snapshot"/>.</summary>
    internal void Restore(IReadOnlyDictionary<string, double> sums, double weight)
    {
        _sums.Clear();
        foreach (var (k, v) in sums) _sums[k] = v;
        Weight = weight;
    }
}
