using LatentSharp.Tests.Data;

namespace LatentSharp.Tests.Cli;

public class DecomposeCliTests
{
    [Theory]
    [InlineData("dictionary-learning")]
    [InlineData("psd")]
    public void Training_on_patches_draws_atoms_and_decompose_draws_a_held_out_patch(string model)
    {
        using var dir = TestData.TempDir();
        var photos = Directory.CreateDirectory(dir.File("photos")).FullName;
        ImagePatchesTests.WriteTexture(Path.Combine(photos, "texture.png"));
        var data = $"image-patches:{photos},size=6,count=400,test=20,seed=1";
        var run = dir.File("run");
        var train = CliRunner.Run("train", model, "--data", data, "--atoms", "12", "--lambda", "0.3", "--epochs", "2", "--batch-size", "200", "--out", run);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(Path.Combine(run, "atoms.png")), "atoms.png in the run folder");

        var picture = dir.File("decomposition.png");
        var result = CliRunner.Run("decompose", run, "--index", "3", "--out", picture);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(new FileInfo(picture).Length > 0);
        Assert.Matches(@"x ~ -?\d+\.\d{3}\*atom\d+", result.Out);

        var outOfRange = CliRunner.Run("decompose", run, "--index", "20", "--out", picture);
        Assert.Equal(2, outOfRange.ExitCode);
        Assert.Contains("--index 20", outOfRange.Error);
    }

    [Fact]
    public void Decompose_refuses_models_without_atoms()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("km");
        Assert.Equal(0, CliRunner.Run("train", "kmeans", "--clusters", "3", "--epochs", "1", "--batch-size", "5000", "--out", run).ExitCode);
        var result = CliRunner.Run("decompose", run, "--out", dir.File("d.png"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no dictionary atoms", result.Error);
    }
}
