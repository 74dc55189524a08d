using System.Runtime.InteropServices;
using LatentSharp.Data;
using LatentSharp.Options;
using LatentSharp.Training;
using LatentSharp.Visualization;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.Competitive;

// The map's figures: quantisation and topographic error, and their kinds.
public sealed partial class SelfOrganizingMap
{
    /// <summary>Quantisation and topographic error are the map's own figures, computed exactly on the data given.</summary>
    public MetricKind KindOf(string metric) => metric is MetricKeys.QuantizationError or TopographicErrorKey ? MetricKind.Exact : MetricKind.Proxy;

    /// <summary>Quantisation and topographic error of <paramref name="input"/> in one pass.</summary>
    public (double QuantizationError, double TopographicError) Errors(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (sumQe, sumTe) = ErrorSums(Flatten(input));
        return (sumQe / input.shape[0], sumTe / input.shape[0]);
    }

    (double, double) ErrorSums(Tensor x)
    {
        double qe = 0, te = 0;
        foreach (var (start, length) in DistanceChunks(x.shape[0]))
        {
            using var scope = NewDisposeScope();
            var (q, t) = ChunkErrorSums(x.narrow(0, start, length));
            qe += q;
            te += t;
        }
        return (qe, te);
    }

    (double, double) ChunkErrorSums(Tensor x)
    {
        var (values, units) = SquaredDistances(x).topk(Math.Min(2, Grid.Units), 1, largest: false);
        double qe = values[.., 0].sqrt().sum().item<float>();
        if (Grid.Units < 2) return (qe, 0);
        var adjacent = _adjacent[units[.., 0], units[.., 1]];
        double te = (~adjacent).sum().item<long>();
        return (qe, te);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(IBatchSource data, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        using var noGrad = no_grad();
        double qe = 0, te = 0;
        foreach (var (start, length) in BatchRanges.Of(data.Count, context.BatchSize))
        {
            using var scope = NewDisposeScope();
            var batch = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), Device);
            var (q, t) = ErrorSums(Flatten(batch.Features));
            qe += q;
            te += t;
        }
        long n = Math.Max(1, data.Count);
        return new Dictionary<string, double>
        {
            [MetricKeys.Loss] = qe / n,
            [MetricKeys.QuantizationError] = qe / n,
            [TopographicErrorKey] = te / n,
        };
    }
}
