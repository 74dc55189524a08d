using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Competitive;
using LatentSharp.Options;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Competitive;

public class SelfOrganizingMapTests
{
    static SelfOrganizingMap NewMap(SelfOrganizingMapOptions options, long[] shape) =>
        (SelfOrganizingMap)ModelCatalog.Create("som", options, shape, CPU, seed: 1);

    /// <summary>Points spread uniformly over the unit square: a 2-D manifold a map can unfold onto.</summary>
    static Dataset Square(long n, long seed = 3)
    {
        using var generator = new Generator((ulong)seed);
        return new Dataset("square", rand(n, 2, generator: generator));
    }

    /// <summary>Four tight Gaussian blobs (σ per coordinate) far apart in 5-D.</summary>
    static Dataset Clusters(long perCluster, double sigma, long seed = 4)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var centres = eye(4, 5) * 10;
        var labels = arange(4, dtype: ScalarType.Int64).repeat_interleave(perCluster);
        var points = centres.index_select(0, labels) + randn(4 * perCluster, 5, generator: generator) * sigma;
        return new Dataset("clusters", points.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    [Fact]
    public void Batch_som_on_separated_clusters_reaches_the_within_cluster_spread()
    {
        const double sigma = 0.3;
        using var data = Clusters(100, sigma);
        using var map = NewMap(new SelfOrganizingMapOptions { Rows = 2, Columns = 2, Mode = SomMode.Batch, Kernel = SomKernel.Gaussian, RadiusStart = 1, RadiusEnd = 0.01 }, [5]);
        var result = new Trainer(new TrainerOptions { Epochs = 15, BatchSize = 400, Seed = 2 }).Fit(map, data, data, "test");
        // With one prototype per cluster centre the mean distance is E‖N(0, σ²I₅)‖ ≈ σ·√5·(1 − 1/20).
        double expected = sigma * Math.Sqrt(5) * (1 - 1.0 / 20);
        double qe = result.Final["test.quantization_error"];
        Assert.InRange(qe, 0.85 * expected, 1.15 * expected);
    }
}
