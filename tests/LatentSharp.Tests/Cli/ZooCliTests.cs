using LatentSharp.Tests.Visualization;
using LatentSharp.Training;
using LatentSharp.Zoo;

namespace LatentSharp.Tests.Cli;

/// <summary><c>latent zoo</c>: a subset by --families on --device, and an unknown family or device refused in one line with exit 2.</summary>
public sealed class ZooCliTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Families_SelectsASubset_AndThePageListsIt()
    {
        var result = CliRunner.Run("zoo", "--out", _dir.File("zoo"), "--families", "kmeans", "--data", "fashion-mnist-small", "--budget", "tiny", "--device", "cpu");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("cpu", RunConfig.Load(_dir.File(Path.Combine("zoo", "kmeans"))).Device);
        Assert.Contains("kmeans\tdone\t", result.Out);
        Assert.Contains($"page\t{_dir.File(Path.Combine("zoo", ZooRunner.PageFileName))}", result.Out);
        Assert.Equal(["kmeans", "zoo.html", "zoo.json"], Directory.EnumerateFileSystemEntries(_dir.File("zoo")).Select(Path.GetFileName).Order());
        Assert.Contains("[1/1] kmeans", result.Error);
    }

    [Fact]
    public void AnUnknownFamily_IsRefusedInOneLine_WithExit2()
    {
        var result = CliRunner.Run("zoo", "--out", _dir.File("zoo"), "--families", "kmeans,autoencodr");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("latent: --families: unknown family 'autoencodr'; did you mean 'autoencoder'?", result.Error);
        Assert.False(Directory.Exists(_dir.File("zoo")));
    }

    [Theory]
    [InlineData("gpu", "latent: --device: 'gpu' is not a device; use cpu, cuda or cuda:N.")]
    [InlineData("cuda", "latent: --device cuda: CUDA is not available here")]   // this build is TorchSharp-cpu
    public void ABadDevice_IsRefusedInOneLine_WithExit2_AsTrainRefusesIt(string device, string message)
    {
        var zoo = CliRunner.Run("zoo", "--out", _dir.File("zoo"), "--families", "kmeans", "--device", device);
        Assert.Equal(2, zoo.ExitCode);
        Assert.StartsWith(message, zoo.Error);
        Assert.False(Directory.Exists(_dir.File("zoo")));
        var train = CliRunner.Run("train", "kmeans", "--out", _dir.File("run"), "--device", device);
        Assert.StartsWith(message, train.Error);
    }
}
