namespace LatentSharp.Zoo;

/// <summary>What <see cref="ZooRunner"/> trains, on what and where.</summary>
public sealed record ZooOptions
{
    /// <summary>The zoo's folder: a run folder per family, plus zoo.html and zoo.json.</summary>
    public string OutDirectory { get; init; } = Path.Combine("runs", "zoo");

    /// <summary>Families by catalogue name; null or empty means every registered family.</summary>
    public IReadOnlyList<string>? Families { get; init; }

    /// <summary>Data source (<see cref="Data.DataSources.Resolve"/>).</summary>
    public string Data { get; init; } = LatentSharp.Data.DataSources.FashionMnist;

    /// <summary>How much each family gets.</summary>
    public ZooBudget Budget { get; init; } = ZooBudget.Small;

    /// <summary>Seed of weights, batches and estimators.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Device, e.g. <c>cpu</c>.</summary>
    public string Device { get; init; } = "cpu";
}
