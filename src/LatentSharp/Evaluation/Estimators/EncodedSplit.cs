using LatentSharp.Data;
using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>A split's codes and labels, on the CPU, for the estimators that classify codes.</summary>
/// <param name="Codes">Codes <c>[N, CodeSize]</c>, float32.</param>
/// <param name="Labels">Class labels <c>[N]</c>, int64.</param>
public sealed record EncodedSplit(Tensor Codes, Tensor Labels) : IDisposable
{
    /// <summary>Encodes every sample of <paramref name="data"/> batch by batch, under no gradient.</summary>
    /// <param name="encoder">The model.</param>
    /// <param name="data">The split; it must have labels.</param>
    /// <param name="estimator">The estimator's name, for the refusal.</param>
    /// <param name="batchSize">Samples encoded at once.</param>
    /// <exception cref="EstimatorException"><paramref name="data"/> is empty or has no labels.</exception>
    public static EncodedSplit Of(IEncoder encoder, IBatchSource data, string estimator, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasLabels) throw new EstimatorException($"'{estimator}' needs labelled data; '{data.Name}' has no labels.");
        if (data.Count == 0) throw new EstimatorException($"'{estimator}': '{data.Name}' has no samples.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var codes = new List<Tensor>();
        var labels = new List<Tensor>();
        foreach (var (start, length) in BatchRanges.Of(data.Count, batchSize))
        {
            var batch = data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), encoder.Device);
            codes.Add(encoder.Encode(batch.Features).to(ScalarType.Float32).cpu());
            labels.Add(batch.Labels!.cpu());
        }
        return new EncodedSplit(cat(codes, 0).MoveToOuterDisposeScope(), cat(labels, 0).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Codes.Dispose();
        Labels.Dispose();
    }
}
