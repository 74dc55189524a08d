using System.Reflection;
using LatentSharp.Cli;

namespace LatentSharp.Tests.Cli;

/// <summary>The System.CommandLine front end: help, version, suggestions, completion, response files.</summary>
public class CommandLineTests
{
    [Fact]
    public void Train_model_help_is_the_models_page()
    {
        var help = CliRunner.Run("train", "autoencoder", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Matches(@"--hidden-sizes\s+512,256", help.Out);
        Assert.Equal(CliRunner.Run("models", "autoencoder").Out, help.Out);
        Assert.Equal("", help.Error);
    }

    [Fact]
    public void Command_help_lists_the_declared_options_with_their_defaults()
    {
        var help = CliRunner.Run("encode", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("<run>/codes-<split>.csv", help.Out);
        Assert.Contains("--split", help.Out);
        var root = CliRunner.Run("help");
        Assert.Equal(0, root.ExitCode);
        foreach (var command in CliApplication.Commands) Assert.Contains(command.Name, root.Out);
        Assert.Contains("image-patches:", root.Out);
    }

    [Fact]
    public void Version_is_the_assemblys_informational_version()
    {
        var expected = typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var result = CliRunner.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Out.Trim());
        Assert.StartsWith("0.", expected);
    }

    [Theory]
    [InlineData("Unknown command 'trian'; did you mean 'train'?", "trian")]
    [InlineData("Unknown model 'autoencodr'; did you mean 'autoencoder'?", "train", "autoencodr")]
    [InlineData("Unknown model 'kmean'; did you mean 'kmeans'?", "models", "kmean")]
    [InlineData("Unknown option --epcohs; did you mean --epochs?", "train", "autoencoder", "--epcohs", "3")]
    [InlineData("Unknown option --hiden-sizes; did you mean --hidden-sizes?", "train", "autoencoder", "--hiden-sizes", "64")]
    [InlineData("Unknown option --splt; did you mean --split?", "encode", "run", "--splt", "test")]
    [InlineData("--seed is given twice.", "train", "autoencoder", "--seed", "1", "--seed", "2")]
    [InlineData("--epochs needs a value.", "train", "autoencoder", "--epochs", "--seed", "3")]
    [InlineData("Missing run.", "encode")]
    public void Misspellings_get_one_line_with_a_suggestion_and_exit_code_2(string expected, params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        var first = result.Error.Split('\n')[0];
        Assert.StartsWith("latent: ", first);
        Assert.Contains(expected, first);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_response_file_gives_the_same_run_as_its_arguments()
    {
        using var dir = TestData.TempDir();
        var file = dir.File("args.rsp");
        File.WriteAllText(file, "models\nautoencoder\n");
        var fromFile = CliRunner.Run("@" + file);
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(CliRunner.Run("models", "autoencoder").Out, fromFile.Out);
    }

    [Fact]
    public void The_suggest_directive_completes_models_options_and_enum_values()
    {
        static string[] Complete(string line) =>
            CliRunner.Run($"[suggest:{line.Length}]", line).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("conv-autoencoder", Complete("latent train conv-a"));
        Assert.Equal(["--activation"], Complete("latent train autoencoder --act"));
        Assert.Equal(["leaky-relu"], Complete("latent train autoencoder --activation le"));
        Assert.Contains("--epochs", Complete("latent train autoencoder --ep"));
    }
}
