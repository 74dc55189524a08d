using LatentSharp.Training;

namespace LatentSharp.Layers;

/// <summary>
/// The <c>discriminator-stuck</c> condition of adversarial training: over a whole epoch the
/// discriminator's cross-entropy loss −log D(x) − log(1 − D(G(z))) stayed near 0, i.e. D tells real from
/// generated almost perfectly, so the generator's gradient carries little information (Arjovsky and
/// Bottou 2017, https://arxiv.org/abs/1701.04862). Any model with a discriminator reports it from its
/// <see cref="IInspectsEpochs.InspectEpoch"/> with one call.
/// </summary>
public static class DiscriminatorHealth
{
    /// <summary>The condition's name.</summary>
    public const string Condition = "discriminator-stuck";

    /// <summary>
    /// An epoch's mean discriminator loss below this counts as stuck: e.g. D(x) ≈ 0.975 and
    /// D(G(z)) ≈ 0.025 on average (ln 4 ≈ 1.386 at the game's equilibrium).
    /// </summary>
    public const double StuckLoss = 0.05;

    /// <summary>
    /// The condition when the epoch's mean training figure <c>train.{lossKey}</c> is below
    /// <see cref="StuckLoss"/>; empty otherwise (also when the figure is absent). The mean D outputs on
    /// real and generated data (<paramref name="realKey"/>, <paramref name="fakeKey"/>) go into the message when reported.
    /// </summary>
    public static IReadOnlyList<TrainingCondition> Inspect(EpochRecord record, string lossKey, string? realKey = null, string? fakeKey = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        double loss = record[$"train.{lossKey}"];
        if (!(loss < StuckLoss)) return [];
        double real = realKey is null ? double.NaN : record[$"train.{realKey}"];
        double fake = fakeKey is null ? double.NaN : record[$"train.{fakeKey}"];
        string outputs = double.IsNaN(real) || double.IsNaN(fake) ? "" : $", D(x) {real:F3} on real and {fake:F3} on generated samples";
        return
        [
            new TrainingCondition(Condition,
                $"discriminator stuck: its mean loss this epoch was {loss:G3} (below {StuckLoss}; ln 4 = 1.386 at equilibrium{outputs}): " +
                "it wins, and the generator learns little; try a smaller discriminator learning rate, fewer discriminator steps or label smoothing"),
        ];
    }
}
