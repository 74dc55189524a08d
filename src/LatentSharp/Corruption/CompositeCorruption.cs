using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>
/// Several corruptions applied one after another, in order ("noise of different types" at once),
/// e.g. <c>gaussian:0.2+masking:0.3</c>: Gaussian noise first, then masking of the noisy image.
/// </summary>
public sealed class CompositeCorruption : ICorruption
{
    /// <summary>Creates the chain; at least one part, none null.</summary>
    public CompositeCorruption(IReadOnlyList<ICorruption> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("A composite corruption needs at least one part.", nameof(parts));
        if (parts.Any(p => p is null)) throw new ArgumentException("A composite corruption's parts must not be null.", nameof(parts));
        Parts = [.. parts];   // a copy: the chain cannot change after construction
    }

    /// <summary>The corruptions, in the order applied.</summary>
    public IReadOnlyList<ICorruption> Parts { get; }

    /// <inheritdoc />
    public string Spec => string.Join("+", Parts.Select(p => p.Spec));

    /// <inheritdoc />
    public Tensor Apply(Tensor input, Generator generator)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var part in Parts) x = part.Apply(x, generator);
        return x.MoveToOuterDisposeScope();
    }
}
