using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Models.Autoencoders;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// Statistics of an encoder's codes: how sparse they are (sparse autoencoders) and how
/// contractive the encoder is, mean ‖J_f(x)‖_F (contractive autoencoders, Rifai et al., 2011).
/// </summary>
public static class CodeStatistics
{
    /// <summary>
    /// Near-zero threshold for codes of <paramref name="codeActivation"/>: 0.05 for sigmoid codes
    /// (they are never exactly 0; 0.05 is the usual sparsity target ρ), 0.01 for every other
    /// activation (ReLU codes are exactly 0 when off; linear and tanh codes are centred on 0).
    /// </summary>
    public static double DefaultThreshold(ActivationKind codeActivation) => codeActivation == ActivationKind.Sigmoid ? 0.05 : 0.01;

    /// <summary>Sparsity figures of <paramref name="codes"/> <c>[N, K]</c>, a unit being near zero when |h| &lt; <paramref name="threshold"/>.</summary>
    public static CodeSparsity Sparsity(Tensor codes, double threshold)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.dim() != 2 || codes.shape[0] < 1 || codes.shape[1] < 1)
            throw new ArgumentException($"Codes must be [N, K] with N, K ≥ 1; got [{string.Join(", ", codes.shape)}].", nameof(codes));
        if (!(threshold > 0) || double.IsInfinity(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite and > 0.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var h = codes.detach().to(ScalarType.Float64);
        long n = h.shape[0], k = h.shape[1];
        var magnitude = h.abs();
        var nearZero = magnitude.lt(threshold);
        var l1 = magnitude.sum(1);
        var l2 = h.square().sum(1).sqrt();
        double sqrtK = Math.Sqrt(k);
        // Hoyer (2004): 1 for a one-hot code, 0 for a flat one; an all-zero code is as sparse as it gets.
        var hoyer = where(l2.gt(0), (sqrtK - l1 / l2.clamp_min(1e-300)) / (sqrtK - 1), ones_like(l2));
        return new CodeSparsity(
            threshold, n, k,
            MeanActivation: h.mean().item<double>(),
            MeanAbsoluteActivation: magnitude.mean().item<double>(),
            FractionNearZero: nearZero.to(ScalarType.Float64).mean().item<double>(),
            MeanActiveUnits: nearZero.logical_not().to(ScalarType.Float64).sum(1).mean().item<double>(),
            DeadUnitFraction: nearZero.all(0).to(ScalarType.Float64).mean().item<double>(),
            MeanHoyer: k == 1 ? double.NaN : hoyer.mean().item<double>());
    }

    /// <summary>
    /// Sparsity figures of <paramref name="model"/>'s codes of every sample in <paramref name="data"/>;
    /// the threshold defaults to <see cref="DefaultThreshold"/> of the model's code activation.
    /// </summary>
    public static CodeSparsity Sparsity(Autoencoder model, IBatchSource data, double? threshold = null, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var codes = Encode(model, data, batchSize);
        return Sparsity(codes, threshold ?? DefaultThreshold(model.Options.CodeActivation));
    }

    /// <summary>
    /// Mean over <paramref name="data"/> of ‖J_f(x)‖_F, the Frobenius norm of the encoder's Jacobian
    /// ∂code/∂input at each sample, computed exactly by automatic differentiation whatever the
    /// encoder (<see cref="Autoencoder.EncoderJacobianSquaredNorms"/>). Smaller means the codes move
    /// less when the input moves: a more contractive encoder. Costs about K encoder passes per sample.
    /// </summary>
    public static double MeanJacobianNorm(Autoencoder model, IBatchSource data, int batchSize = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0) throw new ArgumentException($"'{data.Name}' has no samples.", nameof(data));
        double sum = 0;
        foreach (var (start, length) in BatchRanges.Of(data.Count, batchSize))
        {
            using var scope = NewDisposeScope();
            var batch = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), model.Device);
            sum += model.EncoderJacobianSquaredNorms(batch.Features, batchSize).sqrt().to(ScalarType.Float64).sum().item<double>();
        }
        return sum / data.Count;
    }

    static Tensor Encode(Autoencoder model, IBatchSource data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0) throw new ArgumentException($"'{data.Name}' has no samples.", nameof(data));
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        foreach (var (start, length) in BatchRanges.Of(data.Count, batchSize))
            parts.Add(model.Encode(data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), model.Device).Features));
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
