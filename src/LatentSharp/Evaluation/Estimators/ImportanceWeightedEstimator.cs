using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// <c>iwae</c>: the importance-weighted bound of Burda et al. 2016 (https://arxiv.org/abs/1509.00519),
/// L_k(x) = log (1/k) Σ_i p(x, z_i)/q(z_i | x) with z_i ~ q(· | x), a lower bound on log p(x) that
/// rises with k towards it (L_1 is the one-sample ELBO). Reported as <c>iwae.log_likelihood</c> (mean
/// nats per sample) and <c>iwae.bits_per_dim</c> through <see cref="DensityUnits"/>, kind bound, with the
/// standard error of the mean over samples. The log-sum-exp runs in float64; codes are drawn for about
/// <see cref="RowsPerPass"/> (sample, code) pairs at a time.
/// </summary>
public sealed class ImportanceWeightedEstimator(ImportanceWeightedEstimator.Settings settings) : IEstimator
{
    /// <summary>(sample, code) pairs decoded in one pass: bounds memory at about RowsPerPass × D floats.</summary>
    public const int RowsPerPass = 16_384;

    /// <summary>k and how many samples to score.</summary>
    public sealed record Settings : ModelOptions
    {
        /// <summary>k, the importance samples per data sample.</summary>
        [Description("Importance samples per data sample (k)")]
        [Range(1, 1_000_000)]
        public int K { get; init; } = 100;

        /// <summary>Score only the first this many samples (0 = all).</summary>
        [Description("Score only the first N samples of the split (0 = all)")]
        [Range(0, int.MaxValue)]
        public int Limit { get; init; }
    }

    /// <inheritdoc />
    public IReadOnlyList<MetricValue> Estimate(IModel model, EstimationContext context)
    {
        var weighted = (IImportanceWeighted)model;
        var data = context.Data;
        long count = settings.Limit == 0 ? data.Count : Math.Min(settings.Limit, data.Count);
        if (count == 0) throw new EstimatorException($"'iwae': '{data.Name}' has no samples.");
        var bounds = Bounds(weighted, data, count, settings.K, context.Generator);
        var (mean, standardError) = SampleMean.Of(bounds);
        long dimensions = model.InputShape.Aggregate(1L, (a, b) => a * b);
        return DensityUnits.Figures("iwae.", mean, dimensions, MetricKind.Bound, standardError);
    }

    /// <summary>L_k(x) in nats for the first <paramref name="count"/> samples of <paramref name="data"/>.</summary>
    public static double[] Bounds(IImportanceWeighted model, IBatchSource data, long count, int k, TorchSharp.torch.Generator generator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        using var noGrad = no_grad();
        int perPass = Math.Min(k, RowsPerPass);                       // codes per call
        int samplesPerPass = Math.Max(1, RowsPerPass / perPass);      // data samples per call
        var result = new double[count];
        foreach (var (start, length) in BatchRanges.Of(count, samplesPerPass))
        {
            using var scope = NewDisposeScope();
            var x = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), model.Device).Features;
            var parts = new List<Tensor>();
            for (int done = 0; done < k; done += perPass)
                parts.Add(model.LogImportanceWeights(x, Math.Min(perPass, k - done), generator));
            var logWeights = cat(parts, 1);                           // [B, k] float64
            var bound = (logWeights.logsumexp(1) - Math.Log(k)).cpu().data<double>().ToArray();
            Array.Copy(bound, 0, result, start, length);
        }
        return result;
    }
}
