using LatentSharp.Tests.Visualization;
using LatentSharp.Training;

namespace LatentSharp.Tests.Cli;

/// <summary><c>latent train</c> draws the family's pictures through the library and lists every file it wrote.</summary>
public sealed class TrainPicturesCliTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TrainSom_DrawsItsMaps_ListsItsFiles_AndTheManifestMatchesTheFolder()
    {
        var run = _dir.File("som-run");
        var result = CliRunner.Run("train", "som", "--data", SampleCliTests.WriteImagesCsv(_dir), "--rows", "3", "--columns", "3", "--epochs", "2", "--out", run);
        Assert.True(result.ExitCode == 0, result.Error);

        foreach (var picture in new[] { "u-matrix.png", "hit-map.png", "component-planes.png", "prototypes.png", "loss.png" })
        {
            Assert.True(File.Exists(Path.Combine(run, picture)), $"{picture} missing");
            Assert.Contains($"file\t{picture}\t", result.Out);
        }
        var present = Directory.GetFiles(run).Select(Path.GetFileName).Where(n => n != RunManifest.FileName && n != RunFolder.LockFileName).Order();
        Assert.Equal(present, RunManifest.Read(run).Select(f => f.Name).Order());
        Assert.Equal(present.Count(), result.Out.Split('\n').Count(l => l.StartsWith("file\t", StringComparison.Ordinal)));
    }

    [Fact]
    public void Overwrite_RemovesTheOldRunsPictures_ButNotTheUsersFiles()
    {
        var run = _dir.File("replaced");
        var data = SampleCliTests.WriteImagesCsv(_dir);
        Assert.Equal(0, CliRunner.Run("train", "som", "--data", data, "--rows", "2", "--columns", "2", "--epochs", "1", "--out", run).ExitCode);
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");

        var result = CliRunner.Run("train", "kmeans", "--data", data, "--clusters", "2", "--epochs", "1", "--out", run, "--overwrite");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(File.Exists(Path.Combine(run, "u-matrix.png")), "the SOM's pictures went with the SOM run");
        Assert.True(File.Exists(Path.Combine(run, "centroids.png")));
        Assert.True(File.Exists(Path.Combine(run, "notes.txt")));
    }
}
