namespace LatentSharp.Tests.Cli;

/// <summary>A bad <c>--out</c> gets one <c>latent:</c> line naming the option and the problem, not a raw .NET message.</summary>
public class OutPathCliTests
{
    static void AssertOutRefused(CliRunner.Result result, string problem)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.StartsWith("latent: --out", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => !line.StartsWith("(add --verbose"));   // one message, then the usual hint
        Assert.Contains(problem, result.Error);
    }

    [Fact]
    public void Train_refuses_an_out_that_is_a_file_or_under_a_file_or_unwritable()
    {
        using var dir = TestData.TempDir();
        var file = dir.File("taken.txt");
        File.WriteAllText(file, "not a folder");
        string[] quick = ["--epochs", "1", "--hidden-sizes", "8", "--code-size", "2"];
        AssertOutRefused(CliRunner.Run(["train", "autoencoder", "--out", file, .. quick]), "is a file");
        AssertOutRefused(CliRunner.Run(["train", "autoencoder", "--out", Path.Combine(file, "run"), .. quick]), "is a file");
        AssertOutRefused(CliRunner.Run(["train", "autoencoder", "--out", "/proc/latent-run", .. quick]), "cannot");
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void File_outputs_refuse_a_folder_a_missing_parent_a_file_parent_and_an_unwritable_place()
    {
        using var dir = TestData.TempDir();
        var run = dir.File("run");
        var trained = CliRunner.Run("train", "autoencoder", "--out", run, "--epochs", "1", "--hidden-sizes", "8", "--code-size", "2", "--batch-size", "250");
        Assert.True(trained.ExitCode == 0, trained.Error);
        var file = dir.File("taken.txt");
        File.WriteAllText(file, "x");
        foreach (var (command, extra) in new (string, string[])[]
                 {
                     ("encode", []), ("reconstruct", []), ("decompose", []), ("denoise", ["--noise", "gaussian:0.1"]),
                 })
        {
            AssertOutRefused(CliRunner.Run([command, run, "--out", dir.Path, .. extra]), "is a folder");
            AssertOutRefused(CliRunner.Run([command, run, "--out", dir.File("missing/out.png"), .. extra]), "does not exist");
            AssertOutRefused(CliRunner.Run([command, run, "--out", Path.Combine(file, "out.png"), .. extra]), "is a file");
            AssertOutRefused(CliRunner.Run([command, run, "--out", "/proc/latent-out.png", .. extra]), "cannot");
        }
        Assert.Equal("x", File.ReadAllText(file));
    }
}
