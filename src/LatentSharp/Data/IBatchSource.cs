using static TorchSharp.torch;

namespace LatentSharp.Data;

/// <summary>
/// Where minibatches come from. The trainer only asks for samples by index, so a source can
/// hold everything in memory (<see cref="Dataset"/>) or read the requested rows from disk.
/// </summary>
public interface IBatchSource
{
    /// <summary>A human-readable name, e.g. <c>fashion-mnist/train</c>.</summary>
    string Name { get; }

    /// <summary>Number of samples.</summary>
    long Count { get; }

    /// <summary>Shape of one sample, e.g. <c>[1, 28, 28]</c> or <c>[784]</c>.</summary>
    long[] SampleShape { get; }

    /// <summary>Whether <see cref="ReadBatch"/> returns labels.</summary>
    bool HasLabels { get; }

    /// <summary>Reads the samples at <paramref name="indices"/> (int64, <c>[B]</c>) onto <paramref name="device"/>.</summary>
    Batch ReadBatch(Tensor indices, Device device);
}
