using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Competitive;

public class HamerlyLloydTests
{
    /// <summary>Overlapping Gaussian blobs: Lloyd needs many iterations and samples change cluster late.</summary>
    static Tensor OverlappingBlobs(int blobs, int perBlob, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var centres = randn(blobs, 5, generator: generator) * 3;
        var labels = arange(blobs, dtype: ScalarType.Int64).repeat_interleave(perBlob);
        return (centres.index_select(0, labels) + randn(blobs * perBlob, 5, generator: generator) * 2).MoveToOuterDisposeScope();
    }

    static (KMeansFitResult Result, Tensor Labels, Tensor Centroids) Fit(Tensor x, bool bounds, int chunk)
    {
        var options = new KMeansOptions { Clusters = 7, Tolerance = 0, MaxIterations = 200, Bounds = bounds, ChunkSize = chunk };
        using var model = (KMeans)ModelCatalog.Create("kmeans", options, [5], CPU, seed: 1);
        var result = model.Fit(x, seed: 5);
        return (result, model.Predict(x), model.Centroids.clone());
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(150)]  // three blocks, a ragged last one
    public void Bounds_give_plain_Lloyds_clustering(int chunk)
    {
        using var x = OverlappingBlobs(blobs: 7, perBlob: 60, seed: 3);
        var plain = Fit(x, bounds: false, chunk);
        var bounded = Fit(x, bounds: true, chunk);
        Assert.True(plain.Result.Iterations > 5, $"the data should need several iterations, took {plain.Result.Iterations}");
        Assert.Equal(plain.Result.Iterations, bounded.Result.Iterations);
        Assert.True(plain.Labels.eq(bounded.Labels).all().item<bool>(), "assignments differ");
        Assert.True(plain.Centroids.allclose(bounded.Centroids, rtol: 1e-5, atol: 1e-5), "centroids differ");
        Assert.Equal(plain.Result.Inertia, bounded.Result.Inertia, 1e-6 * plain.Result.Inertia);
    }

    [Fact]
    public void An_empty_cluster_is_handed_to_the_plain_iteration()
    {
        using var x = OverlappingBlobs(blobs: 3, perBlob: 40, seed: 8);
        using var xSquared = x.square().sum(1);
        using var centroids = stack([x[0], x[0], full(5, 1000f)]);
        using var bounded = new HamerlyLloyd(x, xSquared, clusters: 3, chunk: 50);
        int relocations = 0, iterations = 0;
        bool converged = false;
        while (!converged && iterations++ < 100)
            converged = bounded.Step(centroids, c =>
            {
                relocations++;
                // Stand-in for the plain iteration: move the far centroid onto a sample.
                var before = c.clone();
                c[2].copy_(x[1]);
                return (c - before).square().sum().item<float>();
            }).Shift <= 0;
        Assert.True(relocations >= 1, "the far centroid owns no sample, so the first iteration must relocate");
        Assert.True(converged, $"not converged after {iterations} iterations");
        Assert.True(centroids.abs().max().item<float>() < 100, "the far centroid should have moved onto the data");
    }

    [Fact]
    public void The_sums_do_not_depend_on_the_order_of_the_samples()
    {
        // Fixed-point sums: the same samples in another order (so added, and moved between clusters,
        // in another order) give the same centroids to the bit, iteration after iteration.
        using var x = OverlappingBlobs(blobs: 7, perBlob: 60, seed: 3);
        using var order = randperm(x.shape[0], generator: new Generator(4));
        using var shuffled = x.index_select(0, order);
        using var start = x.narrow(0, 0, 7).clone();
        Tensor After(Tensor samples, int steps)
        {
            using var squared = samples.square().sum(1);
            using var iterations = new LloydIterations(samples, squared, clusters: 7, chunk: 100, bounds: true);
            var centroids = start.clone();
            for (int i = 0; i < steps; i++) iterations.Step(centroids);
            return centroids;
        }
        using var a = After(x, 12);
        using var b = After(shuffled, 12);
        Assert.True(TestData.Same(a, b), "centroids depend on the order of the samples");
    }

    [Fact]
    public void Sums_that_floating_point_would_round_by_order_come_out_the_same()
    {
        // One cluster of 2^30, −2^30 and 2^-30, one sample per block: in float64, 2^30 + 2^-30 rounds to 2^30,
        // so adding the samples in this order gives a mean of 0 and in the other 2^-30 / 3. Fixed-point sums
        // give one answer for both orders.
        float big = MathF.Pow(2, 30), tiny = MathF.Pow(2, -30);
        Tensor Centroid(float[] values)
        {
            using var x = tensor(values, [3, 1]);
            using var squared = x.square().sum(1);
            using var bounded = new HamerlyLloyd(x, squared, clusters: 1, chunk: 1);
            var centroid = zeros(1, 1);
            bounded.Step(centroid, _ => throw new InvalidOperationException("no cluster is empty"));
            return centroid;
        }
        using var a = Centroid([big, -big, tiny]);
        using var b = Centroid([big, tiny, -big]);
        Assert.True(TestData.Same(a, b), $"{a.item<float>()} vs {b.item<float>()}");
    }

    [Fact]
    public void The_inertia_of_a_step_is_the_assignments_squared_distances()
    {
        // Independent computation: Σ min_c ‖x − c‖² over the centroids the step started from, in float64.
        using var x = OverlappingBlobs(blobs: 4, perBlob: 50, seed: 6);
        using var squared = x.square().sum(1);
        using var centroids = x.narrow(0, 0, 4).clone();
        using var iterations = new LloydIterations(x, squared, clusters: 4, chunk: 64, bounds: true);
        for (int step = 0; step < 4; step++)
        {
            using var before = centroids.to(ScalarType.Float64);
            using var distances = cdist(x.to(ScalarType.Float64), before).square().min(1).values;
            double expected = distances.sum().item<double>();
            var (_, inertia) = iterations.Step(centroids);
            Assert.Equal(expected, inertia, expected * 1e-6);
        }
    }
}
