namespace LatentSharp.Models;

/// <summary>A model name not in the <see cref="ModelCatalog"/>.</summary>
public sealed class UnknownModelException : ArgumentException
{
    /// <summary>Creates the exception, listing the known names.</summary>
    public UnknownModelException(string name, IEnumerable<string> known)
        : base($"Unknown model '{name}'. Known models: {string.Join(", ", known)}.") { }
}
