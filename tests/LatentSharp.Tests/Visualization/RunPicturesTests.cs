using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Models.Competitive;
using LatentSharp.Models.SparseCoding;
using LatentSharp.Tests.Models;
using LatentSharp.Training;
using LatentSharp.Visualization;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Visualization;

/// <summary>Which pictures a run folder gets: defaults by capability, the family's own, and the manifest.</summary>
public sealed class RunPicturesTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public RunPicturesTests() => TestGenerator.EnsureRegistered();

    public void Dispose() => _dir.Dispose();

    static Dataset Images()
    {
        using var generator = new Generator(3);
        return new Dataset("toy", rand([30, 16], generator: generator), arange(30, dtype: ScalarType.Int64).remainder(3), null);
    }

    string[] DrawnNames(string model, ModelOptions? options = null, bool withMetrics = false)
    {
        var folder = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (withMetrics)
            File.WriteAllText(Path.Combine(folder, Trainer.MetricsFileName), "{\"epoch\":1,\"train.loss\":0.5}\n{\"epoch\":2,\"train.loss\":0.4}\n");
        using var data = Images();
        using var built = ModelCatalog.Create(model, options, [16], CPU, seed: 1);
        var files = RunPictures.DrawPictures(built, new PictureContext(folder, data));
        var names = files.Select(f => f.Name).Order().ToArray();
        Assert.Equal(names, Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n != Trainer.MetricsFileName).Order().ToArray());
        return names;
    }

    [Fact]
    public void Generator_GetsSamplesOnly()
    {
        Assert.Equal([RunPictures.SamplesFile], DrawnNames(TestGenerator.ModelName));
    }

    [Fact]
    public void DenseAutoencoderWith2DCodes_GetsReconstructionsFiltersAndScatter_NotSamples()
    {
        var options = new AutoencoderOptions { HiddenSizes = [8], CodeSize = 2 };
        Assert.Equal([RunPictures.FiltersFile, RunPictures.LatentFile, RunPictures.ReconstructionsFile], DrawnNames("autoencoder", options));
    }

    [Fact]
    public void WiderCodes_GetNoScatter_AndMetricsGiveLossCurves()
    {
        var options = new AutoencoderOptions { HiddenSizes = [8], CodeSize = 3 };
        Assert.Equal([RunPictures.FiltersFile, RunPictures.LossCurveFile, RunPictures.ReconstructionsFile], DrawnNames("autoencoder", options, withMetrics: true));
    }

    [Fact]
    public void KMeans_DrawsItsCentroids_AndNoReconstructionOrFilters()
    {
        Assert.Equal(["centroids.png"], DrawnNames("kmeans", new KMeansOptions { Clusters = 3 }));
    }

    [Fact]
    public void Som_DrawsItsMaps_AndTheScatterOfItsGridCodes()
    {
        var names = DrawnNames("som", new SelfOrganizingMapOptions { Rows = 3, Columns = 3 });
        Assert.Equal([SomPictures.ComponentPlanesFile, SomPictures.HitMapFile, RunPictures.LatentFile, SomPictures.PrototypesFile, SomPictures.UMatrixFile], names);
    }

    [Fact]
    public void SparseCoding_DrawsAtoms_PsdAlsoItsEncoderFilters()
    {
        Assert.Equal(["atoms.png", RunPictures.ReconstructionsFile], DrawnNames("dictionary-learning", new DictionaryLearningOptions { Atoms = 4 }));
        Assert.Equal(["atoms.png", RunPictures.FiltersFile, RunPictures.ReconstructionsFile], DrawnNames("psd", new PredictiveSparseDecompositionOptions { Atoms = 4 }));
    }

    [Fact]
    public void NonImageSamples_GetNoImagePictures()
    {
        var folder = _dir.File("points");
        Directory.CreateDirectory(folder);
        using var data = new Dataset("points", rand(20, 3));
        using var model = ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = [4], CodeSize = 2 }, [3], CPU, seed: 1);
        var files = RunPictures.DrawPictures(model, new PictureContext(folder, data));
        Assert.Equal([RunPictures.LatentFile], files.Select(f => f.Name));
    }

    [Fact]
    public void Draw_RecordsAManifestListingExactlyTheFilesPresent()
    {
        var folder = _dir.File("run");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, Trainer.MetricsFileName), "{\"epoch\":1,\"train.loss\":0.5}\n");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "the user's own file");
        using var data = Images();
        using var model = ModelCatalog.Create("kmeans", new KMeansOptions { Clusters = 3 }, [16], CPU, seed: 1);

        var listed = RunPictures.Draw(model, folder, data);

        var expected = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => n is not RunManifest.FileName and not "notes.txt").Order();
        Assert.Equal(expected, listed.Select(f => f.Name).Order());
        Assert.Equal(listed, RunManifest.Read(folder));
        Assert.All(listed, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
        Assert.Equal("kmeans", listed.Single(f => f.Name == "centroids.png").WrittenBy);
        // What replacing the run deletes: the run's files and the manifest, not the user's notes.
        var files = RunManifest.Files(folder).Select(Path.GetFileName).Order();
        Assert.Equal(expected.Append(RunManifest.FileName).Order(), files);
    }

    [Fact]
    public void Files_WithoutAManifest_ListsTheFixedFilesAndOldPictureNames_AndNeverLeavesTheFolder()
    {
        var folder = _dir.File("old-run");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "config.json", "model.safetensors", "loss.png", "u-matrix.png", "mine.png" })
            File.WriteAllText(Path.Combine(folder, name), "x");
        Assert.Equal(["config.json", "loss.png", "model.safetensors", "u-matrix.png"], RunManifest.Files(folder).Select(Path.GetFileName).Order());

        File.WriteAllText(_dir.File("outside.txt"), "x");
        File.WriteAllText(Path.Combine(folder, RunManifest.FileName), "{\"files\":[{\"name\":\"../outside.txt\",\"description\":\"d\",\"writtenBy\":\"w\"},{\"name\":\"mine.png\",\"description\":\"d\",\"writtenBy\":\"w\"}]}");
        Assert.Equal(["config.json", RunManifest.FileName, "mine.png", "model.safetensors"], RunManifest.Files(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Record_RefusesANameWithAFolder()
    {
        Assert.Throws<ArgumentException>(() => RunManifest.Record(_dir.Path, [new RunFile("sub/x.png", "d", "w")]));
    }
}
