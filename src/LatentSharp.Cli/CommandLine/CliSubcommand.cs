namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// A word after a command that selects what it acts on and brings its own options, e.g. the model
/// in <c>latent train autoencoder --code-size 8</c>. The command receives the word as its first
/// positional argument; its own options apply after the word too.
/// </summary>
/// <param name="Name">The word.</param>
/// <param name="Summary">One line for the command's help.</param>
/// <param name="Options">The options the word adds.</param>
/// <param name="Help">Writes the word's help page (<c>latent train autoencoder --help</c>); null for the generated one.</param>
public sealed record CliSubcommand(string Name, string Summary, IReadOnlyList<CliOption> Options, Action<TextWriter>? Help = null);
