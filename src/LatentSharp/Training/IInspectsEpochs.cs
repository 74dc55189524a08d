namespace LatentSharp.Training;

/// <summary>
/// A model that reads its own epoch figures for named conditions worth a warning: a GAN whose
/// discriminator loss sits near 0 (<c>discriminator-stuck</c>). The <see cref="Trainer"/> calls it after
/// every epoch's figures are complete and records what it returns on that epoch's metrics line.
/// </summary>
public interface IInspectsEpochs : ITrainable
{
    /// <summary>
    /// The conditions <paramref name="record"/> shows (empty when all is well). Keys carry their split
    /// prefix (<c>train.d_loss</c>); a figure absent from the record reads as NaN.
    /// </summary>
    IReadOnlyList<TrainingCondition> InspectEpoch(EpochRecord record);
}
