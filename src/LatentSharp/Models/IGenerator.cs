using static TorchSharp.torch;

namespace LatentSharp.Models;

/// <summary>A model that draws new samples.</summary>
public interface IGenerator : IModel
{
    /// <summary>Draws <paramref name="count"/> samples <c>[count, ...input shape]</c>.</summary>
    /// <param name="count">How many samples, ≥ 1.</param>
    /// <param name="generator">Random source; the model's own when null.</param>
    Tensor Sample(long count, Generator? generator = null);
}
