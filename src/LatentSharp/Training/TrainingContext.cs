using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>Where training stands, and the random source a step may use.</summary>
public sealed class TrainingContext
{
    /// <summary>Creates a context.</summary>
    public TrainingContext(Generator generator, int batchSize)
    {
        Generator = generator;
        BatchSize = batchSize;
    }

    /// <summary>
    /// The only random source a training step may use (noise, sampling, dropout). Its state is
    /// checkpointed, which is what makes a resumed run match an uninterrupted one.
    /// </summary>
    public Generator Generator { get; }

    /// <summary>Batch size used for training and evaluation.</summary>
    public int BatchSize { get; }

    /// <summary>Zero-based epoch in progress.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Number of training steps completed before the current one.</summary>
    public long Step { get; internal set; }
}
