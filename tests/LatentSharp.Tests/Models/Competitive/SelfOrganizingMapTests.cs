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

public class SelfOrganizingMapBehaviourTests
{
    static SelfOrganizingMap NewMap(SelfOrganizingMapOptions options, long[] shape) =>
        (SelfOrganizingMap)ModelCatalog.Create("som", options, shape, CPU, seed: 1);

    static Dataset Square(long n, long seed = 3)
    {
        using var generator = new Generator((ulong)seed);
        return new Dataset("square", rand(n, 2, generator: generator));
    }

    static readonly SelfOrganizingMapOptions Ordered = new()
    {
        Rows = 6, Columns = 6, Kernel = SomKernel.Gaussian, RadiusStart = 3, RadiusEnd = 0.5,
        LearningRateStart = 0.5, LearningRateEnd = 0.02,
    };

    static bool Monotone(float[] values) =>
        values.Zip(values.Skip(1)).All(p => p.Second > p.First) || values.Zip(values.Skip(1)).All(p => p.Second < p.First);

    [Theory]
    [InlineData(SomMode.Online, SomTopology.Rectangular)]
    [InlineData(SomMode.Online, SomTopology.Hexagonal)]
    [InlineData(SomMode.Batch, SomTopology.Rectangular)]
    public void A_map_trained_on_a_square_unfolds_in_order(SomMode mode, SomTopology topology)
    {
        using var data = Square(600);
        using var map = NewMap(Ordered with { Mode = mode, Topology = topology }, [2]);
        int batch = mode == SomMode.Batch ? 600 : 50;
        var result = new Trainer(new TrainerOptions { Epochs = mode == SomMode.Batch ? 25 : 12, BatchSize = batch, Seed = 3 }).Fit(map, data, data, "test");
        Assert.True(result.Final["test.topographic_error"] < 0.1, $"topographic error {result.Final["test.topographic_error"]}");
        // Each row of prototypes runs monotonically along one coordinate, each column along the other.
        using var w = map.Prototypes.reshape(6, 6, 2);
        var rows = Enumerable.Range(0, 6).Select(i => w[i].cpu().contiguous().data<float>().ToArray()).ToList();
        int rowAxis = Monotone(Enumerable.Range(0, 6).Select(j => rows[0][2 * j]).ToArray()) ? 0 : 1;
        for (int i = 0; i < 6; i++)
            Assert.True(Monotone(Enumerable.Range(0, 6).Select(j => rows[i][2 * j + rowAxis]).ToArray()), $"row {i} is not monotone along axis {rowAxis}");
        for (int j = 0; j < 6; j++)
            Assert.True(Monotone(Enumerable.Range(0, 6).Select(i => rows[i][2 * j + 1 - rowAxis]).ToArray()), $"column {j} is not monotone along axis {1 - rowAxis}");
        Assert.True(result.Final["test.quantization_error"] < 0.12, $"quantisation error {result.Final["test.quantization_error"]}");
    }

    [Theory]
    [InlineData(SomKernel.Gaussian)]
    [InlineData(SomKernel.Bubble)]
    [InlineData(SomKernel.MexicanHat)]
    [InlineData(SomKernel.Laplacian)]
    public void Kernels_match_their_formulas(SomKernel kernel)
    {
        double[] distances = [0, 0.5, 1, 1.5, 2, 3, 5];
        const double sigma = 1.5;
        Func<double, double> formula = kernel switch
        {
            SomKernel.Gaussian => d => Math.Exp(-d * d / (2 * sigma * sigma)),
            SomKernel.Bubble => d => d <= sigma ? 1 : 0,
            SomKernel.MexicanHat => d => (1 - d * d / (sigma * sigma)) * Math.Exp(-d * d / (2 * sigma * sigma)),
            _ => d => Math.Exp(-d / sigma),
        };
        using var t = tensor(distances.Select(d => (float)d).ToArray());
        using var k = SomKernels.Evaluate(kernel, t, sigma);
        var values = k.data<float>().ToArray();
        for (int i = 0; i < distances.Length; i++)
        {
            Assert.Equal(formula(distances[i]), values[i], 5);
            Assert.Equal(formula(distances[i]), SomKernels.Evaluate(kernel, distances[i], sigma), 9);
        }
    }

    [Fact]
    public void Hexagonal_neighbours_are_at_distance_one_and_number_six()
    {
        var grid = new SomGrid(5, 5, SomTopology.Hexagonal);
        foreach (int centre in new[] { 2 * 5 + 2, 1 * 5 + 2 })   // an even and an odd row
        {
            var neighbours = Enumerable.Range(0, 25).Where(u => grid.Adjacent(centre, u)).ToList();
            Assert.Equal(6, neighbours.Count);
            Assert.All(neighbours, u => Assert.Equal(1.0, grid.Distance(centre, u), 12));
            Assert.All(neighbours, u => Assert.Equal(1, grid.Steps(centre, u)));
        }
        // Row 1 is shifted right: (1, 2) touches (0, 2), (0, 3) but not (0, 1).
        Assert.True(grid.Adjacent(7, 2) && grid.Adjacent(7, 3) && !grid.Adjacent(7, 1));
        Assert.Equal(Math.Sqrt(3), grid.Distance(0, 10), 12);   // two rows straight down
        Assert.Equal(2, grid.Steps(0, 10));
        var rectangular = new SomGrid(5, 5, SomTopology.Rectangular);
        Assert.Equal(8, Enumerable.Range(0, 25).Count(u => rectangular.Adjacent(12, u)));
        Assert.Equal(4, rectangular.Steps(0, 12));
    }

    [Fact]
    public void The_default_radius_is_kohonens_two_thirds_quantile()
    {
        // kohonen: quantile(unit.distances(somgrid(10, 10, "hexagonal")), 2/3) = 6.082763
        Assert.Equal(6.082763, new SomGrid(10, 10, SomTopology.Hexagonal).DefaultRadius(), 5);
    }

    [Theory]
    [InlineData(SomMode.Online)]
    [InlineData(SomMode.Batch)]
    public void The_same_seed_gives_identical_prototypes_and_resume_equals_the_uninterrupted_run(SomMode mode)
    {
        using var data = Square(300);
        var options = Ordered with { Mode = mode, Initialization = SomInitialization.Samples };
        var trainer = new TrainerOptions { Epochs = 4, BatchSize = 40, Seed = 9 };
        using var a = NewMap(options, [2]);
        using var b = NewMap(options, [2]);
        using var c = NewMap(options, [2]);
        new Trainer(trainer).Fit(a, data);
        new Trainer(trainer).Fit(b, data);
        new Trainer(trainer with { Seed = 10 }).Fit(c, data);
        Assert.True(TestData.Same(a.Prototypes, b.Prototypes));
        Assert.False(TestData.Same(a.Prototypes, c.Prototypes));

        using var directory = TestData.TempDir();
        using var cancel = new CancellationTokenSource();
        using (var first = NewMap(options, [2]))
        {
            var progress = new SynchronousProgress(p => { if (p.Step == 13) cancel.Cancel(); });   // mid-epoch 2 (8 steps per epoch)
            Assert.True(new Trainer(trainer, directory.Path, progress).Fit(first, data, cancellation: cancel.Token).Cancelled);
        }
        using var resumed = NewMap(options, [2]);
        new Trainer(trainer, directory.Path).Fit(resumed, data, resume: true);
        Assert.True(TestData.Same(a.Prototypes, resumed.Prototypes), "resumed prototypes differ");
    }

    [Fact]
    public void The_cpu_loop_and_the_tensor_path_agree()
    {
        using var data = Square(200);
        var options = Ordered with { Kernel = SomKernel.Laplacian };
        using var a = NewMap(options, [2]);
        using var b = NewMap(options, [2]);
        b.ForceTensorPath = true;
        var trainer = new TrainerOptions { Epochs = 2, BatchSize = 32, Seed = 4 };
        new Trainer(trainer).Fit(a, data);
        new Trainer(trainer).Fit(b, data);
        using var gap = (a.Prototypes - b.Prototypes).abs().max();
        Assert.True(gap.item<float>() < 1e-4, $"paths differ by {gap.item<float>()}");
    }

    [Fact]
    public void Pca_initialisation_spreads_the_map_along_the_principal_axes()
    {
        using var generator = new Generator(5);
        // Long axis along x (sd 3), short along y (sd 1).
        using var points = randn(500, 2, generator: generator) * tensor(new float[] { 3, 1 });
        using var data = new Dataset("ellipse", points);
        using var map = NewMap(new SelfOrganizingMapOptions { Rows = 3, Columns = 5, Initialization = SomInitialization.Pca }, [2]);
        using var context = new Generator(1);
        map.InitializeFromData(data, new TrainingContext(context, 100, 1, 1));
        using var w = map.Prototypes.reshape(3, 5, 2);
        double spanColumns = Math.Abs((w[0, 4, 0] - w[0, 0, 0]).item<float>()), spanRows = Math.Abs((w[2, 0, 1] - w[0, 0, 1]).item<float>());
        Assert.InRange(spanColumns, 2 * 3 * 0.85, 2 * 3 * 1.15);   // ±1 sd along the first component
        Assert.InRange(spanRows, 2 * 1 * 0.8, 2 * 1 * 1.2);
    }

    [Theory]
    [InlineData(nameof(SelfOrganizingMapOptions.Rows))]
    [InlineData(nameof(SelfOrganizingMapOptions.RadiusEnd))]
    [InlineData(nameof(SelfOrganizingMapOptions.Kernel))]
    [InlineData(nameof(SelfOrganizingMapOptions.LearningRateEnd))]
    public void Bad_options_are_refused_naming_the_field(string field)
    {
        var options = field switch
        {
            nameof(SelfOrganizingMapOptions.Rows) => new SelfOrganizingMapOptions { Rows = 0 },
            nameof(SelfOrganizingMapOptions.RadiusEnd) => new SelfOrganizingMapOptions { RadiusStart = 2, RadiusEnd = 3 },
            nameof(SelfOrganizingMapOptions.Kernel) => new SelfOrganizingMapOptions { Kernel = (SomKernel)42 },
            _ => new SelfOrganizingMapOptions { LearningRateStart = 0.1, LearningRateEnd = 0.2 },
        };
        var e = Assert.Throws<InvalidOptionException>(() => ModelCatalog.Create("som", options, [2], CPU, 1));
        Assert.Equal(field, e.Field);
        // The default start radius (kohonen's) is checked against the end radius too.
        var auto = Assert.Throws<InvalidOptionException>(() => ModelCatalog.Create("som", new SelfOrganizingMapOptions { Rows = 2, Columns = 2, RadiusEnd = 5 }, [2], CPU, 1));
        Assert.Equal(nameof(SelfOrganizingMapOptions.RadiusEnd), auto.Field);
    }

    [Fact]
    public void Encode_gives_the_bmu_row_and_column_and_hits_add_up()
    {
        using var data = Square(100);
        using var map = NewMap(Ordered with { Rows = 3, Columns = 4 }, [2]);
        map.InitializeFromData(data, new TrainingContext(new Generator(2), 50, 1, 1));
        using var codes = map.Encode(data.Features);
        using var units = map.BestMatchingUnits(data.Features);
        Assert.Equal([100L, 2L], codes.shape);
        Assert.True(TestData.Same((codes[.., 0] * 4 + codes[.., 1]).to(ScalarType.Int64), units));
        // The codes are whole grid coordinates: row in [0, 3), column in [0, 4) — not unit / columns and 0.
        Assert.True(TestData.Same(codes[.., 0].to(ScalarType.Int64), units.div(4, RoundingMode.floor)));
        Assert.True(TestData.Same(codes[.., 1].to(ScalarType.Int64), units.remainder(4)));
        Assert.True(codes[.., 1].max().item<float>() > 0, "some sample must fall in a column other than 0");
        using var hits = map.HitCounts(data.Features);
        Assert.Equal(100L, hits.sum().item<long>());
        using var u = map.UMatrix();
        Assert.Equal([3L, 4L], u.shape);
    }

    [Theory]
    [InlineData(SomMode.Batch)]
    [InlineData(SomMode.Online)]
    public void Distances_in_chunks_give_the_same_codes_errors_and_training(SomMode mode)
    {
        using var data = Square(90);
        SelfOrganizingMap Train(long chunkElements)
        {
            var map = NewMap(Ordered with { Rows = 3, Columns = 4, Mode = mode }, [2]);
            map.DistanceChunkElements = chunkElements;
            map.InitializeFromData(data, new TrainingContext(new Generator(2), 90, 1, 1));
            map.TrainStep(new Batch(data.Features, null), new TrainingContext(new Generator(3), 90, 1, 1));
            return map;
        }
        using var whole = Train(16_000_000);
        using var chunked = Train(12 * 7);   // 7 samples at a time: 13 chunks, the last one shorter
        Assert.True(TestData.Same(whole.Prototypes, chunked.Prototypes));
        using var a = whole.Encode(data.Features);
        using var b = chunked.Encode(data.Features);
        Assert.True(TestData.Same(a, b));
        var (qe, te) = whole.Errors(data.Features);
        var (qeChunked, teChunked) = chunked.Errors(data.Features);
        Assert.Equal(qe, qeChunked, 5);
        Assert.Equal(te, teChunked);
    }

    [Fact]
    public void A_map_that_will_not_fit_in_memory_is_refused_up_front_with_the_estimate()
    {
        var huge = new SelfOrganizingMapOptions { Rows = 200, Columns = 200 };
        // The [units, units] matrices alone: 40,000² cells of float32 distances and bool adjacency.
        Assert.True(SelfOrganizingMap.EstimateMemoryBytes(huge, [784]) > 40_000L * 40_000 * 5);
        var e = Assert.Throws<InvalidOptionException>(() => new SelfOrganizingMap("som", huge, [784], CPU, memoryLimitBytes: 1L << 30));
        Assert.Equal(nameof(SelfOrganizingMapOptions.Rows), e.Field);
        Assert.Contains("GB", e.Message);
        Assert.Contains("200 × 200", e.Message);
        // The limit is injected, so a small map shows the refusal too, in MB.
        var small = new SelfOrganizingMapOptions { Rows = 10, Columns = 10 };
        var refused = Assert.Throws<InvalidOptionException>(() => new SelfOrganizingMap("som", small, [784], CPU, memoryLimitBytes: 100_000));
        Assert.Contains("MB", refused.Message);
        using var fits = new SelfOrganizingMap("som", small, [784], CPU, memoryLimitBytes: 1L << 30);
        Assert.Equal(100, fits.Grid.Units);
    }
}

sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
