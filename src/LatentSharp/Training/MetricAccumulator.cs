namespace LatentSharp.Training;

/// <summary>
/// Sample-weighted running means of named figures. Each figure is averaged over the batches that
/// reported it: a critic's loss reported on 5 of 6 steps is the mean of those 5, not their sum
/// divided by all 6.
/// </summary>
public sealed class MetricAccumulator
{
    readonly Dictionary<string, double> _sums = new();
    readonly Dictionary<string, double> _weights = new();

    /// <summary>Total weight (samples) of every batch added so far, whatever it reported.</summary>
    public double Weight { get; private set; }

    /// <summary>Adds one batch's figures, weighted by its size.</summary>
    public void Add(IReadOnlyDictionary<string, double> values, double weight)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            _sums[key] = _sums.GetValueOrDefault(key) + value * weight;
            _weights[key] = _weights.GetValueOrDefault(key) + weight;
        }
        Weight += weight;
    }

    /// <summary>The weighted means, each key prefixed (e.g. <c>train.</c>).</summary>
    public Dictionary<string, double> Means(string prefix = "")
    {
        var result = new Dictionary<string, double>();
        foreach (var key in _sums.Keys) result[prefix + key] = Mean(key);
        return result;
    }

    /// <summary>The mean of one key over the batches that reported it, or NaN when none did.</summary>
    public double Mean(string key) =>
        _sums.TryGetValue(key, out var s) && _weights.GetValueOrDefault(key) is > 0 and var w ? s / w : double.NaN;

    /// <summary>Raw sums and weights, for checkpoints.</summary>
    internal (Dictionary<string, double> Sums, Dictionary<string, double> Weights, double Weight) Snapshot() =>
        (new(_sums), new(_weights), Weight);

    /// <summary>
    /// Restores <see cref="Snapshot"/>. Checkpoints written before per-key weights existed have none:
    /// then every key counts the total weight, which is what those runs computed.
    /// </summary>
    internal void Restore(IReadOnlyDictionary<string, double> sums, IReadOnlyDictionary<string, double>? weights, double weight)
    {
        _sums.Clear();
        _weights.Clear();
        foreach (var (k, v) in sums)
        {
            _sums[k] = v;
            _weights[k] = weights is not null && weights.TryGetValue(k, out var w) ? w : weight;
        }
        Weight = weight;
    }
}
