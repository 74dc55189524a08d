using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>reconstruction</c>: how closely the model reproduces its input, whatever loss it was trained
/// with. <c>reconstruction.squared_error</c> is Σ(x − x̂)² per sample, averaged over samples;
/// <c>reconstruction.bce</c>, reported only when every input value is in [0, 1], is the per-sample
/// binary cross-entropy −Σ[x log x̂ + (1 − x) log(1 − x̂)] in nats with x̂ clipped to [1e-7, 1 − 1e-7]
/// (a sigmoid output rounds to exactly 0 or 1 in float32). Both are proxies of how good the model is.
/// </summary>
public sealed class ReconstructionEstimator : IEstimator
{
    const double Epsilon = 1e-7;

    /// <summary>No options.</summary>
    public sealed record Settings : ModelOptions;

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var reconstructor = (IReconstructor)model;
        var data = context.Data;
        if (data.Count == 0) throw new EstimatorException($"'reconstruction': '{data.Name}' has no samples.");
        double squared = 0, crossEntropy = 0;
        bool unitRange = true;
        using var noGrad = no_grad();
        foreach (var (start, length) in BatchRanges.Of(data.Count, context.BatchSize))
        {
            using var scope = NewDisposeScope();
            var input = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), model.Device).Features;
            // Sums over thousands of samples in float64, so the figure does not depend on the batch size.
            var x = input.to(ScalarType.Float64);
            var reconstruction = reconstructor.Reconstruct(input).to(ScalarType.Float64);
            squared += (x - reconstruction).square().sum().item<double>();
            var (minimum, maximum) = x.aminmax();
            unitRange &= minimum.item<double>() >= 0 && maximum.item<double>() <= 1;
            if (!unitRange) continue;
            var p = reconstruction.clamp(Epsilon, 1 - Epsilon);
            crossEntropy -= (x * p.log() + (1 - x) * (1 - p).log()).sum().item<double>();
        }
        var values = new List<MetricValue> { new("reconstruction.squared_error", squared / data.Count, MetricKind.Proxy) };
        if (unitRange) values.Add(new("reconstruction.bce", crossEntropy / data.Count, MetricKind.Proxy, Unit: "nats"));
        return values;
    }
}
