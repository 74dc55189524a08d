using System.Text.Json.Serialization;

namespace LatentSharp.Training;

/// <summary>
/// What kind of number a metric is, so that a reader never compares a bound with an exact value
/// or a proxy with a likelihood.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricKind>))]
public enum MetricKind
{
    /// <summary>Exactly the quantity named (an exact log-likelihood, an accuracy counted on the whole split).</summary>
    Exact,
    /// <summary>A bound on the quantity (ELBO, IWAE-k: lower bounds of the log-likelihood).</summary>
    Bound,
    /// <summary>A stochastic estimate with a standard error (AIS, Parzen window, MMD from samples).</summary>
    Estimate,
    /// <summary>A stand-in for what is wanted (reconstruction error, pseudo-likelihood, quantisation error, a training loss).</summary>
    Proxy,
}

/// <summary>Names of <see cref="MetricKind"/> as written to files and printed.</summary>
public static class MetricKinds
{
    /// <summary>The lower-case name: <c>exact</c>, <c>bound</c>, <c>estimate</c>, <c>proxy</c>.</summary>
    public static string Name(this MetricKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Parses a name written by <see cref="Name"/>.</summary>
    public static MetricKind Parse(string name) =>
        Enum.TryParse<MetricKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new FormatException($"'{name}' is not a metric kind; use exact, bound, estimate or proxy.");
}
