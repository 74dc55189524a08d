namespace LatentSharp.Zoo;

/// <summary>What a zoo run did.</summary>
/// <param name="Options">What it was asked.</param>
/// <param name="Families">One result per family it reached, in catalogue order.</param>
/// <param name="NotReached">Selected families it did not reach (interrupted before them).</param>
/// <param name="Interrupted">It was cancelled before the last family finished.</param>
/// <param name="Elapsed">Wall time of this invocation.</param>
public sealed record ZooResult(ZooOptions Options, IReadOnlyList<ZooFamilyResult> Families, IReadOnlyList<string> NotReached, bool Interrupted, TimeSpan Elapsed)
{
    /// <summary>The page's path.</summary>
    public string PagePath => Path.Combine(Options.OutDirectory, ZooRunner.PageFileName);

    /// <summary>zoo.json's path.</summary>
    public string JsonPath => Path.Combine(Options.OutDirectory, ZooRunner.JsonFileName);
}
