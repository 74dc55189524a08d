using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace LatentSharp.Cli.CommandLine;

/// <summary>
/// <c>--version</c>: the informational version of the <c>latent</c> assembly (version and commit).
/// System.CommandLine's own reads the entry assembly, which is the test host when tests run the CLI in process.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>The version <c>latent --version</c> prints.</summary>
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }
}
