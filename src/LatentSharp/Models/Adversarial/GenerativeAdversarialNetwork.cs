using LatentSharp.Data;
using LatentSharp.Layers;
using LatentSharp.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace LatentSharp.Models.Adversarial;

/// <summary>
/// A generative adversarial network (Goodfellow et al. 2014, https://arxiv.org/abs/1406.2661) with the
/// non-saturating generator loss, dense or DCGAN-style convolutional (Radford et al. 2016,
/// https://arxiv.org/abs/1511.06434). The discriminator D outputs a logit; with σ the sigmoid:
/// <list type="bullet">
/// <item>discriminator step (k of every k + 1 steps): minimise <c>d_loss</c> = −mean log σ(D(x)) − mean log(1 − σ(D(G(z))))</item>
/// <item>generator step (the last of every k + 1): minimise <c>g_loss</c> = −mean log σ(D(G(z))) (non-saturating)</item>
/// </list>
/// Figures: <c>d_loss</c>, <c>d_real</c> = mean σ(D(x)) and <c>d_fake</c> = mean σ(D(G(z))) on discriminator
/// steps, <c>g_loss</c> on generator steps. <c>loss</c>, reported on every step and by <c>Evaluate</c>, is the
/// discriminator's loss on the batch (ln 4 ≈ 1.386 at the game's equilibrium, near 0 when D wins): a proxy
/// of the game's state, not a measure of sample quality — use the <c>w1</c> estimator for that.
/// Samples are <c>[count, ...input shape]</c>. An epoch whose mean <c>d_loss</c> is near 0 raises the
/// warning <c>discriminator-stuck</c> (<see cref="DiscriminatorHealth"/>).
/// </summary>
public sealed class GenerativeAdversarialNetwork : AdversarialModel<GanOptions>, IInspectsEpochs
{
    /// <summary>Name of the discriminator's optimiser and state prefix.</summary>
    public const string DiscriminatorName = "discriminator";

    /// <summary>Metric keys.</summary>
    public const string DiscriminatorLoss = "d_loss", GeneratorLoss = "g_loss", DiscriminatorReal = "d_real", DiscriminatorFake = "d_fake";

    /// <summary>Builds both networks for samples of <paramref name="inputShape"/> and their optimisers.</summary>
    public GenerativeAdversarialNetwork(string name, GanOptions options, long[] inputShape, Device device)
        : base(name, options, inputShape, device, DiscriminatorName, options.DiscriminatorSteps)
    {
    }

    /// <summary>One discriminator or one generator step (by <see cref="AdversarialModel{TOptions}.IsGeneratorStep"/>); noise from the training stream.</summary>
    protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        Network.train();
        var real = Real(batch);
        var noise = Noise(batch.Size, context.Generator);
        if (IsGeneratorStep(context.Step))
        {
            var (fakeLogits, g) = GeneratorStep(noise, logits => softplus(-logits).mean());   // non-saturating loss
            Tensor d;
            using (no_grad()) d = softplus(-CriticNetwork.call(real)).mean() + softplus(fakeLogits.detach()).mean();
            return new Dictionary<string, double> { [MetricKeys.Loss] = d.item<float>(), [GeneratorLoss] = g.item<float>() };
        }
        else
        {
            var optimizer = Optimizers[DiscriminatorName];
            optimizer.ZeroGrad();
            Tensor fake;
            using (no_grad()) fake = GeneratorNetwork.call(noise);   // the generator is not trained on this step
            var realLogits = CriticNetwork.call(real);
            var fakeLogits = CriticNetwork.call(fake);
            var d = softplus(-realLogits).mean() + softplus(fakeLogits).mean();
            d.backward();
            optimizer.Step();
            double value = d.item<float>();
            return new Dictionary<string, double>
            {
                [MetricKeys.Loss] = value,
                [DiscriminatorLoss] = value,
                [DiscriminatorReal] = realLogits.sigmoid().mean().item<float>(),
                [DiscriminatorFake] = fakeLogits.sigmoid().mean().item<float>(),
            };
        }
    }

    /// <summary>Warns <c>discriminator-stuck</c> when the epoch's mean <c>d_loss</c> is near 0 (<see cref="DiscriminatorHealth"/>).</summary>
    public IReadOnlyList<TrainingCondition> InspectEpoch(EpochRecord record) =>
        DiscriminatorHealth.Inspect(record, DiscriminatorLoss, DiscriminatorReal, DiscriminatorFake);

    /// <summary>Evaluation on one batch: <c>loss</c> = <c>d_loss</c>, with <c>g_loss</c>, <c>d_real</c>, <c>d_fake</c>.</summary>
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var realLogits = CriticNetwork.call(Real(batch));
        var fakeLogits = CriticNetwork.call(GeneratorNetwork.call(Noise(batch.Size, context.Generator)));
        var d = softplus(-realLogits).mean() + softplus(fakeLogits).mean();
        return new LossOutput(d, new Dictionary<string, Tensor>
        {
            [DiscriminatorLoss] = d,
            [GeneratorLoss] = softplus(-fakeLogits).mean(),
            [DiscriminatorReal] = realLogits.sigmoid().mean(),
            [DiscriminatorFake] = fakeLogits.sigmoid().mean(),
        });
    }
}
