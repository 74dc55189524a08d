using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>
/// What a gradient model's forward pass returns for one batch: the scalar loss to minimise
/// and its named parts (e.g. <c>recon</c>, <c>kl</c>), all scalar tensors. One record for
/// every model, so one trainer and one metrics path serve them all.
/// </summary>
/// <param name="Loss">The scalar to minimise (mean over the batch).</param>
/// <param name="Parts">Named scalar parts, reported as metrics beside <c>loss</c>.</param>
public sealed record LossOutput(Tensor Loss, IReadOnlyDictionary<string, Tensor> Parts)
{
    /// <summary>A loss with no separate parts.</summary>
    public LossOutput(Tensor loss) : this(loss, new Dictionary<string, Tensor>()) { }

    /// <summary>The figures as plain numbers: <c>loss</c> and each part.</summary>
    public Dictionary<string, double> ToMetrics()
    {
        var result = new Dictionary<string, double> { [MetricKeys.Loss] = Loss.item<float>() };
        foreach (var (name, part) in Parts) result[name] = part.item<float>();
        return result;
    }
}
