using System.Globalization;
using LatentSharp.Models;
using LatentSharp.Tests.Models;
using LatentSharp.Tests.Visualization;
using LatentSharp.Training.Checkpoints;
using LatentSharp.Visualization;
using SkiaSharp;

namespace LatentSharp.Tests.Cli;

public sealed class SampleCliTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public SampleCliTests() => TestGenerator.EnsureRegistered();

    public void Dispose() => _dir.Dispose();

    /// <summary>A CSV of 40 samples of 16 features (4×4 images) around a planted mean.</summary>
    internal static string WriteImagesCsv(TemporaryDirectory dir)
    {
        var path = dir.File($"images-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { string.Join(",", Enumerable.Range(0, 16).Select(i => $"p{i}")) };
        for (int row = 0; row < 40; row++)
            lines.Add(string.Join(",", Enumerable.Range(0, 16).Select(i => ((i % 4) / 4.0 + (row % 5) * 0.01).ToString(CultureInfo.InvariantCulture))));
        File.WriteAllLines(path, lines);
        return path;
    }

    string TrainGenerator()
    {
        var run = _dir.File("generator-run");
        var result = CliRunner.Run("train", TestGenerator.ModelName, "--data", WriteImagesCsv(_dir), "--epochs", "2", "--batch-size", "10", "--out", run);
        Assert.True(result.ExitCode == 0, result.Error);
        return run;
    }

    [Fact]
    public void Train_DrawsSamplesForAGenerator_AndListsItsFiles()
    {
        var run = TrainGenerator();

        Assert.True(File.Exists(Path.Combine(run, RunPictures.SamplesFile)), "samples.png for a generator");
        Assert.False(File.Exists(Path.Combine(run, RunPictures.ReconstructionsFile)), "no reconstructions: the model does not reconstruct");
        var result = CliRunner.Run("sample", run, "--count", "12", "--seed", "4", "--out", _dir.File("s.png"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("wrote 12 samples of test-generator (seed 4)", result.Out);
        using var png = SKBitmap.Decode(_dir.File("s.png"));
        Assert.NotNull(png);
    }

    [Fact]
    public void Sample_SameSeedSameSamples_OtherSeedOthers()
    {
        var run = TrainGenerator();

        Assert.Equal(0, CliRunner.Run("sample", run, "--count", "5", "--seed", "7", "--out", _dir.File("a.csv")).ExitCode);
        Assert.Equal(0, CliRunner.Run("sample", run, "--count", "5", "--seed", "7", "--out", _dir.File("b.csv")).ExitCode);
        Assert.Equal(0, CliRunner.Run("sample", run, "--count", "5", "--seed", "8", "--out", _dir.File("c.csv")).ExitCode);

        var a = File.ReadAllText(_dir.File("a.csv"));
        Assert.Equal(a, File.ReadAllText(_dir.File("b.csv")));
        Assert.NotEqual(a, File.ReadAllText(_dir.File("c.csv")));
        var lines = a.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);                       // header + 5 samples
        Assert.Equal(16, lines[1].Split(',').Length);
        // Trained on data whose mean is planted: samples sit near it (spread 0.1).
        Assert.InRange(double.Parse(lines[1].Split(',')[3], CultureInfo.InvariantCulture), 0.75 - 0.6, 0.75 + 0.6);
    }

    [Fact]
    public void Sample_SafeTensors_ByFormatOption()
    {
        var run = TrainGenerator();
        var path = _dir.File("samples.bin");

        var result = CliRunner.Run("sample", run, "--count", "6", "--format", "safetensors", "--out", path);

        Assert.Equal(0, result.ExitCode);
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        using var samples = tensors["samples"];
        Assert.Equal([6L, 16L], samples.shape);
        Assert.Equal("test-generator", metadata["latentsharp.model"]);
    }

    [Fact]
    public void Sample_RefusesAModelThatCannotSample_InOneLine()
    {
        var run = _dir.File("ae-run");
        var train = CliRunner.Run("train", "autoencoder", "--data", WriteImagesCsv(_dir), "--hidden-sizes", "8", "--code-size", "2", "--epochs", "1", "--out", run);
        Assert.True(train.ExitCode == 0, train.Error);

        var result = CliRunner.Run("sample", run, "--out", _dir.File("x.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("latent: 'autoencoder' cannot draw samples: it is not a generative model.", result.Error);
        Assert.False(File.Exists(_dir.File("x.png")));
    }

    [Fact]
    public void Sample_RefusesAnUnknownFormat()
    {
        var run = TrainGenerator();

        var byOption = CliRunner.Run("sample", run, "--format", "jpeg", "--out", _dir.File("x.jpeg"));
        var byName = CliRunner.Run("sample", run, "--out", _dir.File("x.jpeg"));

        Assert.Equal(2, byOption.ExitCode);
        Assert.Contains("'jpeg' is not a sample format; use png, csv, safetensors", byOption.Error);
        Assert.Equal(2, byName.ExitCode);
        Assert.Contains("--format png|csv|safetensors", byName.Error);
    }

    [Fact]
    public void Register_RefusesADuplicateName_AndTheCatalogueListsAnAddedModel()
    {
        Assert.Contains(ModelCatalog.All, d => d.Name == TestGenerator.ModelName);
        Assert.Equal(TestGenerator.ModelName, ModelCatalog.Get("TEST-GENERATOR").Name);
        var duplicate = ModelCatalog.Get("kmeans") with { };
        Assert.Throws<ArgumentException>(() => ModelCatalog.Register(duplicate));
    }
}
