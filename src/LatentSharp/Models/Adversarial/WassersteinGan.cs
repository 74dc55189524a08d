using LatentSharp.Data;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Models.Adversarial;

/// <summary>
/// A Wasserstein GAN with weight clipping (Arjovsky et al. 2017, https://arxiv.org/abs/1701.07875,
/// Algorithm 1). The critic f (dense or DCGAN-style, no sigmoid) estimates W1 between data and samples by
/// Kantorovich–Rubinstein duality, sup over K-Lipschitz f of E f(x) − E f(G(z)), K-Lipschitz because every
/// critic weight is clipped to [−c, c] after each critic step (and at construction):
/// <list type="bullet">
/// <item>critic step (n_critic of every n_critic + 1 steps): minimise <c>critic_loss</c> = mean f(G(z)) − mean f(x), then clip</item>
/// <item>generator step: minimise <c>g_loss</c> = −mean f(G(z))</item>
/// </list>
/// Figures: <c>critic_loss</c> and <c>w1</c> = −critic_loss (the critic's raw W1 estimate on the batch, in
/// critic units: W1 times an unknown K set by c, so a proxy that is comparable within one run only) on
/// critic steps, <c>g_loss</c> on generator steps. <c>loss</c>, on every step and from <c>Evaluate</c>, is the
/// critic's loss on the batch (a proxy). For W1 in the data's own units use the <c>w1</c> estimator.
/// </summary>
public sealed class WassersteinGan : AdversarialModel<WganOptions>
{
    /// <summary>Name of the critic's optimiser and state prefix.</summary>
    public const string CriticOptimizerName = "critic";

    /// <summary>Metric keys.</summary>
    public const string CriticLoss = "critic_loss", W1 = "w1", GeneratorLoss = "g_loss";

    /// <summary>Builds both networks for samples of <paramref name="inputShape"/>, their optimisers, and clips the critic.</summary>
    public WassersteinGan(string name, WganOptions options, long[] inputShape, Device device)
        : base(name, options, inputShape, device, CriticOptimizerName, options.CriticSteps)
    {
        ClipCritic();
    }

    /// <summary>One critic step (then clipping) or one generator step, by <see cref="AdversarialModel{TOptions}.IsGeneratorStep"/>.</summary>
    protected override IReadOnlyDictionary<string, double> TrainBatch(Batch batch, TrainingContext context)
    {
        Network.train();
        var real = Real(batch);
        var noise = Noise(batch.Size, context.Generator);
        if (IsGeneratorStep(context.Step))
        {
            var (fakeScores, g) = GeneratorStep(noise, scores => -scores.mean());
            Tensor criticLoss;
            using (no_grad()) criticLoss = fakeScores.detach().mean() - CriticNetwork.call(real).mean();
            return new Dictionary<string, double> { [MetricKeys.Loss] = criticLoss.item<float>(), [GeneratorLoss] = g.item<float>() };
        }
        else
        {
            var optimizer = Optimizers[CriticOptimizerName];
            optimizer.ZeroGrad();
            Tensor fake;
            using (no_grad()) fake = GeneratorNetwork.call(noise);
            var loss = CriticNetwork.call(fake).mean() - CriticNetwork.call(real).mean();
            loss.backward();
            optimizer.Step();
            ClipCritic();
            double value = loss.item<float>();
            return new Dictionary<string, double> { [MetricKeys.Loss] = value, [CriticLoss] = value, [W1] = -value };
        }
    }

    /// <summary>Evaluation on one batch: <c>loss</c> = <c>critic_loss</c>, with <c>w1</c> and <c>g_loss</c>.</summary>
    protected override LossOutput ComputeLoss(Batch batch, TrainingContext context)
    {
        var fakeScores = CriticNetwork.call(GeneratorNetwork.call(Noise(batch.Size, context.Generator)));
        var loss = fakeScores.mean() - CriticNetwork.call(Real(batch)).mean();
        return new LossOutput(loss, new Dictionary<string, Tensor> { [CriticLoss] = loss, [W1] = -loss, [GeneratorLoss] = -fakeScores.mean() });
    }

    // w ← clip(w, −c, c) for every critic parameter, in place (Algorithm 1, line 7).
    void ClipCritic()
    {
        using var noGrad = no_grad();
        foreach (var parameter in CriticNetwork.parameters()) parameter.clamp_(-Options.Clip, Options.Clip);
    }
}
