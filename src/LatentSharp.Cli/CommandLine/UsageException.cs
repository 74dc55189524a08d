namespace LatentSharp.Cli.CommandLine;

/// <summary>Bad input from the user: reported as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
