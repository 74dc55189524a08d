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
        int relocations = 0;
        var (iterations, converged) = HamerlyLloyd.Run(x, xSquared, centroids, tolerance: 0, maxIterations: 100, chunk: 50, c =>
        {
            relocations++;
            // Stand-in for the plain iteration: move the far centroid onto a sample.
            var before = c.clone();
            c[2].copy_(x[1]);
            return (c - before).square().sum().item<float>();
        });
        Assert.True(relocations >= 1, "the far centroid owns no sample, so the first iteration must relocate");
        Assert.True(converged, $"not converged after {iterations} iterations");
        Assert.True(centroids.abs().max().item<float>() < 100, "the far centroid should have moved onto the data");
    }
}
