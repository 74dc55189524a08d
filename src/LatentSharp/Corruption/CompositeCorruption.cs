using static TorchSharp.torch;

namespace LatentSharp.Corruption;

/// <summary>Several corruptions applied one after another ("noise of different types" at once).</summary>
public sealed class CompositeCorruption : ICorruption
{
    /// <summary>Creates the chain; at least one part.</summary>
    public CompositeCorruption(IReadOnlyList<ICorruption> parts)
    {
        if (parts is null || parts.Count == 0) throw new ArgumentException("A composite corruption needs at least one part.", nameof(parts));
        Parts = parts;
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
