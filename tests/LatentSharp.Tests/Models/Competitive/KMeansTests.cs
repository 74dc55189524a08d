using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Competitive;

public class KMeansTests
{
    const int Dimensions = 6;

    /// <summary><paramref name="blobs"/> Gaussian blobs of <paramref name="perBlob"/> samples around centres ~ N(0, 8²); labels are the blob.</summary>
    static (Dataset Data, Tensor Centres) Blobs(int blobs = 4, int perBlob = 50, double spread = 0.2, long seed = 11)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var centres = randn(blobs, Dimensions, generator: generator) * 8;
        var labels = arange(blobs, dtype: ScalarType.Int64).repeat_interleave(perBlob);
        var points = centres.index_select(0, labels) + randn(blobs * perBlob, Dimensions, generator: generator) * spread;
        var order = randperm(blobs * perBlob, generator: generator);
        var data = new Dataset("blobs", points.index_select(0, order).MoveToOuterDisposeScope(), labels.index_select(0, order).MoveToOuterDisposeScope());
        return (data, centres.MoveToOuterDisposeScope());
    }

    static KMeans Model(KMeansOptions options) => (KMeans)ModelCatalog.Create("kmeans", options, [Dimensions], CPU, seed: 1);

    static double Ari(KMeans model, Dataset data)
    {
        using var predicted = model.Predict(data.Features);
        return ClusteringScores.AdjustedRandIndex(data.Labels!.data<long>().ToArray(), predicted.data<long>().ToArray());
    }

    [Fact]
    public void Separated_blobs_are_recovered_exactly()
    {
        var (data, centres) = Blobs();
        using var _ = data;
        using var __ = centres;
        using var model = Model(new KMeansOptions { Clusters = 4 });
        var result = model.Fit(data.Features, seed: 3);
        Assert.Equal(1.0, Ari(model, data), 9);
        Assert.True(result.Converged);
        // Every centroid sits on a planted centre (the blob mean, within the noise).
        using var distances = cdist(model.Centroids, centres).min(1).values;
        Assert.True(distances.max().item<float>() < 0.2f, $"centroid off its blob by {distances.max().item<float>()}");
    }

    [Fact]
    public void Inertia_never_increases_over_Lloyd_iterations()
    {
        // Overlapping blobs: many iterations before convergence (equal up to float32 rounding once converged). Batches of 64 accumulate into one iteration per epoch.
        var (data, centres) = Blobs(blobs: 8, perBlob: 40, spread: 4);
        using var _ = data;
        centres.Dispose();
        using var model = Model(new KMeansOptions { Clusters = 8, Tolerance = 0 });
        var result = new Trainer(new TrainerOptions { Epochs = 12, BatchSize = 64, Seed = 4 }).Fit(model, data);
        var losses = result.History.Select(h => h["train.loss"]).ToList();
        for (int i = 1; i < losses.Count; i++)
            Assert.True(losses[i] <= losses[i - 1] * (1 + 1e-6), $"inertia rose at iteration {i}: {losses[i - 1]} -> {losses[i]}");
        Assert.True(losses[^1] < losses[0], "Lloyd iterations should lower the inertia below the seeding's");
    }

    [Fact]
    public void KMeansPlusPlus_puts_one_seed_in_each_separated_blob()
    {
        var (data, centres) = Blobs(blobs: 6, perBlob: 30);
        using var _ = data;
        using var __ = centres;
        int oneSeedPerBlob = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            using var model = Model(new KMeansOptions { Clusters = 6 });
            using var generator = new Generator((ulong)seed);
            model.InitializeFromData(data, new TrainingContext(generator, 64));
            using var nearestBlob = cdist(model.Centroids, centres).argmin(1);
            if (nearestBlob.unique().Item1.shape[0] == 6) oneSeedPerBlob++;
        }
        Assert.True(oneSeedPerBlob >= 18, $"one seed per blob in only {oneSeedPerBlob} of 20 seedings");
    }

    [Fact]
    public void Restarts_keep_the_lowest_inertia()
    {
        var (data, centres) = Blobs(blobs: 10, perBlob: 20, spread: 2.5);
        using var _ = data;
        centres.Dispose();
        using var model = Model(new KMeansOptions { Clusters = 7, Restarts = 6 });
        var result = model.Fit(data.Features, seed: 5);
        Assert.Equal(6, result.RestartInertias.Count);
        Assert.Equal(result.RestartInertias.Min(), result.Inertia, 9);
        // The model holds the kept restart's centroids: its own inertia is the minimum.
        using var generator = new Generator(0);
        var evaluated = model.Evaluate(data, new TrainingContext(generator, 64));
        // float32 distances summed in another order: equal to a millionth.
        Assert.Equal(result.Inertia, evaluated["inertia"], result.Inertia * 1e-6);
        // And no single-restart run with the same seeds beats it.
        using var single = Model(new KMeansOptions { Clusters = 7 });
        Assert.True(result.Inertia <= single.Fit(data.Features, seed: 5).Inertia + 1e-6);
    }

    [Fact]
    public void Mini_batch_converges_near_Lloyd()
    {
        var (data, centres) = Blobs(blobs: 5, perBlob: 60, spread: 0.5);
        using var _ = data;
        centres.Dispose();
        using var lloyd = Model(new KMeansOptions { Clusters = 5 });
        double lloydLoss = lloyd.Fit(data.Features, seed: 2).MeanSquaredDistance;
        using var miniBatch = Model(new KMeansOptions { Clusters = 5, Algorithm = KMeansAlgorithm.MiniBatch });
        var result = new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 32, Seed = 2 }).Fit(miniBatch, data, data, "test");
        double miniBatchLoss = result.History[^1]["test.loss"];
        Assert.InRange(miniBatchLoss, lloydLoss * 0.999, lloydLoss * 1.05);
        Assert.Equal(1.0, result.History[^1]["test.ari"], 9);
    }

    [Fact]
    public void Mini_batch_Fit_recovers_separated_blobs()
    {
        var (data, centres) = Blobs(blobs: 4, perBlob: 50, spread: 0.3);
        using var _ = data;
        centres.Dispose();
        using var model = Model(new KMeansOptions { Clusters = 4, Algorithm = KMeansAlgorithm.MiniBatch, MaxIterations = 20 });
        var result = model.Fit(data.Features, new Generator(6), batchSize: 32);
        Assert.Equal(1.0, Ari(model, data), 9);
        Assert.True(result.Iterations >= 1 && result.Iterations <= 20);
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd)]
    [InlineData(KMeansAlgorithm.MiniBatch)]
    public void The_same_seed_gives_identical_centroids(KMeansAlgorithm algorithm)
    {
        var (data, centres) = Blobs(blobs: 6, perBlob: 30, spread: 3);
        using var _ = data;
        centres.Dispose();
        Tensor Train(long seed)
        {
            using var model = Model(new KMeansOptions { Clusters = 6, Algorithm = algorithm, Tolerance = 0 });
            new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 50, Seed = seed }).Fit(model, data);
            return model.Centroids.clone();
        }
        using var a = Train(1);
        using var b = Train(1);
        using var c = Train(2);
        Assert.True(TestData.Same(a, b));
        Assert.False(TestData.Same(a, c));
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Lloyd, 1)]
    [InlineData(KMeansAlgorithm.Lloyd, 3)]
    [InlineData(KMeansAlgorithm.MiniBatch, 1)]
    public void Resuming_equals_the_uninterrupted_run(KMeansAlgorithm algorithm, int restarts)
    {
        // Overlapping blobs and no tolerance: after 4 iterations the centroids still depend on the
        // seeding, so a resume that seeded again (from the restored random stream) would differ.
        var (data, centres) = Blobs(blobs: 8, perBlob: 60, spread: 8);
        using var _ = data;
        centres.Dispose();
        // Restarts run 2 iterations each before the trainer's epochs begin.
        var options = new KMeansOptions { Clusters = 8, Algorithm = algorithm, Restarts = restarts, Tolerance = 0, MaxIterations = 2 };
        var trainer = new TrainerOptions { Epochs = 4, BatchSize = 64, Seed = 8 };
        using var dir = TestData.TempDir();
        using var whole = Model(options);
        var uninterrupted = new Trainer(trainer).Fit(whole, data);
        Assert.Equal(4, uninterrupted.Records.Count);
        using var otherSeed = Model(options);
        new Trainer(trainer with { Seed = 9 }).Fit(otherSeed, data);
        Assert.False(TestData.Same(whole.Centroids, otherSeed.Centroids), "the test data should tell seedings apart");
        // Interrupted after step 11 of 4 × 8 (mini-batch: inside the second epoch; Lloyd takes whole
        // epochs: at the start of the third), then resumed by a fresh model, whose distance bounds
        // start from nothing.
        int stoppedAt;
        using (var first = Model(options))
        {
            using var cancel = new CancellationTokenSource();
            var progress = new Progress(p => { if (p.Step >= 11) cancel.Cancel(); });
            var stopped = new Trainer(trainer, dir.Path, progress).Fit(first, data, cancellation: cancel.Token);
            Assert.True(stopped.Cancelled);
            stoppedAt = stopped.EpochsCompleted;
        }
        using var resumed = Model(options);
        var epochsRun = new List<int>();
        new Trainer(trainer, dir.Path, new Progress(p => epochsRun.Add(p.Epoch))).Fit(resumed, data, resume: true);
        Assert.Equal(stoppedAt, epochsRun.Min());   // continued, not started again
        Assert.True(TestData.Same(whole.Centroids, resumed.Centroids));
    }

    [Fact]
    public void Trainer_epochs_take_the_same_Lloyd_steps_as_Fit()
    {
        // The trainer's epoch and Fit's iteration are one step: seeded from the same random stream (the
        // trainer's, from its seed), 5 epochs and 5 iterations give the same centroids to the bit, and
        // they agree with plain Lloyd written out here in float64.
        var (data, centres) = Blobs(blobs: 8, perBlob: 60, spread: 8);
        using var _ = data;
        centres.Dispose();
        const int steps = 5, seed = 3;
        using var byTrainer = Model(new KMeansOptions { Clusters = 8, Tolerance = 0 });
        var result = new Trainer(new TrainerOptions { Epochs = steps, BatchSize = 64, Seed = seed }).Fit(byTrainer, data);
        Assert.Equal(steps, result.Records.Count);
        ulong trainerStream = (ulong)Trainer.Mix(seed, 0x7261696e);   // the Trainer's training generator
        using var byFit = Model(new KMeansOptions { Clusters = 8, Tolerance = 0, MaxIterations = steps });
        var fit = byFit.Fit(data.Features, new Generator(trainerStream));
        Assert.True(steps == fit.Iterations, $"Fit: {fit.Iterations} iterations, {fit.Inertia}; trainer: {string.Join(", ", result.History.Select(h => h["train.loss"] * data.Count))}");
        Assert.True(TestData.Same(byTrainer.Centroids, byFit.Centroids), "trainer epochs and Fit iterations differ");

        using var seeded = Model(new KMeansOptions { Clusters = 8 });
        using (var generator = new Generator(trainerStream)) seeded.InitializeFromData(data, new TrainingContext(generator, 64));
        var x = data.Features.to(ScalarType.Float64).data<double>().ToArray();
        var c = seeded.Centroids.to(ScalarType.Float64).data<double>().ToArray();
        int n = (int)data.Count, k = 8;
        var labels = new int[n];
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < n; i++)
            {
                double best = double.PositiveInfinity;
                for (int j = 0; j < k; j++)
                {
                    double d = 0;
                    for (int f = 0; f < Dimensions; f++) d += Math.Pow(x[i * Dimensions + f] - c[j * Dimensions + f], 2);
                    if (d < best) (best, labels[i]) = (d, j);
                }
            }
            var sums = new double[k * Dimensions];
            var counts = new int[k];
            for (int i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                for (int f = 0; f < Dimensions; f++) sums[labels[i] * Dimensions + f] += x[i * Dimensions + f];
            }
            for (int j = 0; j < k; j++)
                for (int f = 0; f < Dimensions; f++) c[j * Dimensions + f] = sums[j * Dimensions + f] / counts[j];
        }
        var ours = byTrainer.Centroids.to(ScalarType.Float64).data<double>().ToArray();
        for (int i = 0; i < ours.Length; i++) Assert.Equal(c[i], ours[i], 1e-4);
    }

    [Fact]
    public void An_epochs_loss_is_the_mean_squared_distance_before_the_move()
    {
        var (data, centres) = Blobs(blobs: 8, perBlob: 60, spread: 8);
        using var _ = data;
        centres.Dispose();
        using var model = Model(new KMeansOptions { Clusters = 8, Tolerance = 0 });
        using var generator = new Generator(5);
        var context = new TrainingContext(generator, 64);
        model.InitializeFromData(data, context);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            using var distances = cdist(data.Features.to(ScalarType.Float64), model.Centroids.to(ScalarType.Float64)).square().min(1).values;
            double expected = distances.mean().item<double>();
            Assert.Equal(expected, model.TrainEpoch(data, context)["loss"], expected * 1e-6);
        }
    }

    sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [Fact]
    public void An_empty_cluster_takes_the_farthest_sample()
    {
        var (data, centres) = Blobs(blobs: 3, perBlob: 30);
        using var _ = data;
        centres.Dispose();
        using var model = Model(new KMeansOptions { Clusters = 3 });
        using var generator = new Generator(1);
        var context = new TrainingContext(generator, 90);
        model.InitializeFromData(data, context);
        // Two centroids on one blob's mean, one far from everything: after one iteration none is empty.
        using (var blobMean = data.Features.narrow(0, 0, 1))
        {
            model.Centroids[0].copy_(blobMean[0]);
            model.Centroids[1].copy_(blobMean[0]);
            model.Centroids[2].fill_(1000f);
        }
        model.TrainEpoch(data, context);   // one Lloyd iteration
        using var predicted = model.Predict(data.Features);
        using var sizes = bincount(predicted, minlength: 3);
        Assert.True(sizes.min().item<long>() > 0, $"cluster sizes {string.Join(",", sizes.data<long>().ToArray())}");
        Assert.True(model.Centroids.abs().max().item<float>() < 100, "the far centroid should have moved onto the data");
    }

    [Fact]
    public void Encode_gives_distances_whose_argmin_is_the_assignment()
    {
        var (data, centres) = Blobs();
        using var _ = data;
        centres.Dispose();
        using var model = Model(new KMeansOptions { Clusters = 4 });
        model.Fit(data.Features, seed: 1);
        using var codes = model.Encode(data.Features);
        Assert.Equal([200, 4], codes.shape);
        using var predicted = model.Predict(data.Features);
        Assert.True(TestData.Same(codes.argmin(1), predicted));
        using var exact = cdist(data.Features, model.Centroids).square();
        Assert.True(allclose(codes, exact, rtol: 1e-3, atol: 1e-3));
        using var generator = new Generator(0);
        var metrics = model.Evaluate(data, new TrainingContext(generator, 64));
        Assert.Equal(1.0, metrics["ari"], 9);
        Assert.Equal(1.0, metrics["nmi"], 9);
        Assert.Equal(metrics["inertia"] / 200, metrics["loss"], 9);
    }

    [Fact]
    public void Bad_options_name_the_field()
    {
        var e = Assert.Throws<InvalidOptionException>(() => Model(new KMeansOptions { Clusters = 0 }));
        Assert.Equal("Clusters", e.Field);
        var (data, centres) = Blobs(blobs: 2, perBlob: 5);
        using var _ = data;
        centres.Dispose();
        using var model = Model(new KMeansOptions { Clusters = 11 });
        var tooMany = Assert.Throws<InvalidOptionException>(() => model.Fit(data.Features, seed: 1));
        Assert.Equal("Clusters", tooMany.Field);
        Assert.Contains("number of samples (10)", tooMany.Message);
        Assert.Throws<InvalidOptionException>(() => new Trainer(new TrainerOptions { Epochs = 1 }).Fit(model, data));
    }
}
