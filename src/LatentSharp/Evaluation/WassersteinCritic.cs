using LatentSharp.Layers;
using LatentSharp.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Evaluation;

/// <summary>
/// Estimates the Wasserstein-1 distance between two sample sets with a weight-clipped critic
/// (Arjovsky et al. 2017, https://arxiv.org/abs/1701.07875). By Kantorovich–Rubinstein duality
/// W1(a, b) = sup over 1-Lipschitz f of E_a f − E_b f. A dense critic (LeakyReLU 0.2) whose weights are
/// clipped to [−c, c] after every RMSprop step is K-Lipschitz for some K fixed by c and the architecture,
/// so its optimum is about K·W1, not W1: the raw value's scale depends on c.
/// <para>
/// Calibration: the critic sees the data in <see cref="CriticCoordinates"/> (centred, reflected, scaled into a ball
/// its clipped units can be linear over; an isometry and one scale, so W1 maps back exactly). On the held-out samples
/// the critic's largest pairwise slope L̂ = max |f(u) − f(v)| / ‖u − v‖ is measured in data units, and the estimate is
/// raw / L̂. Restricted to those samples f / L̂ is 1-Lipschitz (and extends to a 1-Lipschitz function everywhere),
/// so raw / L̂ is the dual objective of a feasible function: it cannot exceed the W1 between the held-out samples, and
/// equals it when the critic finds the optimal direction (a linear f for two distributions that differ by a shift;
/// any f for two point masses). L̂ is computed on up to 1,000 held-out samples. Distributions that need a curved
/// critic (e.g. two Gaussians of different variance) are under-estimated: the clipped critic's optimum is not the
/// 1-Lipschitz optimum (bench/results/wgan.md).
/// </para>
/// The critic trains on a random (1 − held-out fraction) of each set and is scored on the rest;
/// the standard error is over <see cref="WassersteinCriticOptions.HeldOutBatches"/> held-out batches.
/// </summary>
public static class WassersteinCritic
{
    const int MaxPairSamples = 1000;

    /// <summary>Estimates W1 between the rows of <paramref name="a"/> <c>[Na, ...]</c> and <paramref name="b"/> <c>[Nb, ...]</c> (same sample size).</summary>
    /// <param name="a">First sample set; each row is flattened.</param>
    /// <param name="b">Second sample set.</param>
    /// <param name="options">Critic settings; validated.</param>
    /// <param name="generator">The only random source: the split, the critic's initial weights and its minibatches.</param>
    /// <exception cref="ArgumentException">Fewer than 4 samples in a set, or sample sizes differ.</exception>
    public static W1Estimate Estimate(Tensor a, Tensor b, WassersteinCriticOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        options.Validate();
        if (a.shape[0] < 4 || b.shape[0] < 4) throw new ArgumentException($"W1 needs at least 4 samples in each set; got {a.shape[0]} and {b.shape[0]}.");
        using var scope = NewDisposeScope();
        // Double precision: with a small clip the critic's values are ~c^depth and float32 rounding would swamp their slopes.
        var x = a.reshape(a.shape[0], -1).to(ScalarType.Float64).cpu();
        var y = b.reshape(b.shape[0], -1).to(ScalarType.Float64).cpu();
        if (x.shape[1] != y.shape[1]) throw new ArgumentException($"The two sets' samples differ in size: {x.shape[1]} and {y.shape[1]} values.");
        var (xTrain, xHeld) = Split(x, options.HeldOutFraction, generator);
        var (yTrain, yHeld) = Split(y, options.HeldOutFraction, generator);
        var coordinates = CriticCoordinates.Fit(xTrain, yTrain);
        (xTrain, yTrain, xHeld, yHeld) = (coordinates.Apply(xTrain), coordinates.Apply(yTrain), coordinates.Apply(xHeld), coordinates.Apply(yHeld));

        using var critic = Discriminator.Dense(x.shape[1], options.HiddenSizes);
        critic.to(ScalarType.Float64);
        using (no_grad())
            foreach (var p in critic.parameters()) p.uniform_(-options.Clip, options.Clip, generator);
        Train(critic, xTrain, yTrain, options, generator);

        critic.eval();
        using var noGrad = no_grad();
        var fx = critic.call(xHeld).squeeze(1);
        var fy = critic.call(yHeld).squeeze(1);
        double raw = (fx.mean() - fy.mean()).item<double>();
        // A slope in the critic's coordinates, divided by their scale: the slope per unit of data distance.
        double lipschitz = LargestSlope(cat([xHeld, yHeld], 0), cat([fx, fy], 0), generator) / coordinates.Scale;
        if (!(lipschitz > 0))   // every held-out sample at one point, or a constant critic: nothing tells the sets apart
            return new W1Estimate(0, 0, raw, lipschitz, options.Clip, options.Steps, (xTrain.shape[0], yTrain.shape[0]), (xHeld.shape[0], yHeld.shape[0]));
        var perBatch = BatchDifferences(fx, fy, options.HeldOutBatches).Select(d => d / lipschitz).ToArray();
        double standardError = Math.Sqrt(perBatch.Select(v => (v - perBatch.Average()) * (v - perBatch.Average())).Sum() / (perBatch.Length - 1) / perBatch.Length);
        return new W1Estimate(raw / lipschitz, standardError, raw, lipschitz, options.Clip, options.Steps,
            (xTrain.shape[0], yTrain.shape[0]), (xHeld.shape[0], yHeld.shape[0]));
    }

    static (Tensor Train, Tensor HeldOut) Split(Tensor samples, double fraction, Generator generator)
    {
        long count = samples.shape[0];
        long held = Math.Clamp((long)Math.Ceiling(count * fraction), 2, count - 2);
        var order = randperm(count, generator: generator);
        return (samples.index(order.narrow(0, held, count - held)), samples.index(order.narrow(0, 0, held)));
    }

    // Maximise E_a f − E_b f with RMSprop; clip every weight to [−c, c] after each step.
    static void Train(Sequential critic, Tensor x, Tensor y, WassersteinCriticOptions options, Generator generator)
    {
        using var optimizer = new RmsProp(critic.named_parameters(), options.EffectiveLearningRate);
        critic.train();
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var xBatch = x.index(randint(x.shape[0], [options.BatchSize], generator: generator));
            var yBatch = y.index(randint(y.shape[0], [options.BatchSize], generator: generator));
            optimizer.ZeroGrad();
            var loss = critic.call(yBatch).mean() - critic.call(xBatch).mean();
            loss.backward();
            optimizer.Step();
            using var noGrad = no_grad();
            foreach (var p in critic.parameters()) p.clamp_(-options.Clip, options.Clip);
        }
    }

    // max over pairs with ‖u − v‖ > 0 of |f(u) − f(v)| / ‖u − v‖, on at most MaxPairSamples samples.
    static double LargestSlope(Tensor samples, Tensor scores, Generator generator)
    {
        if (samples.shape[0] > MaxPairSamples)
        {
            var pick = randperm(samples.shape[0], generator: generator).narrow(0, 0, MaxPairSamples);
            (samples, scores) = (samples.index(pick), scores.index(pick));
        }
        var distances = cdist(samples.unsqueeze(0), samples.unsqueeze(0)).squeeze(0);
        var gaps = (scores.unsqueeze(1) - scores.unsqueeze(0)).abs();
        var slopes = where(distances > 1e-9, gaps / distances.clamp_min(1e-9), zeros_like(gaps));
        return slopes.max().item<double>();
    }

    static IEnumerable<double> BatchDifferences(Tensor fx, Tensor fy, int batches)
    {
        int m = (int)Math.Min(batches, Math.Min(fx.shape[0], fy.shape[0]));
        var xs = fx.chunk(m);
        var ys = fy.chunk(m);
        for (int i = 0; i < Math.Min(xs.Length, ys.Length); i++) yield return (xs[i].mean() - ys[i].mean()).item<double>();
    }
}
