using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using LatentSharp.Options;

namespace LatentSharp.Models.Competitive;

/// <summary>How the units of a self-organising map are laid out.</summary>
public enum SomTopology
{
    /// <summary>A square lattice: unit (i, j) at (x, y) = (j, i); 8 neighbours at distance ≤ √2.</summary>
    Rectangular,
    /// <summary>A hexagonal lattice (odd rows shifted right by ½, rows √3/2 apart): 6 neighbours at distance 1.</summary>
    Hexagonal,
}

/// <summary>The neighbourhood kernel K(bmu, unit) of a self-organising map, a function of grid distance d and radius σ.</summary>
public enum SomKernel
{
    /// <summary>exp(−d² / 2σ²) on the Euclidean grid distance.</summary>
    Gaussian,
    /// <summary>1 when d ≤ σ, else 0 (kohonen's default).</summary>
    Bubble,
    /// <summary>Ricker wavelet (1 − d²/σ²)·exp(−d² / 2σ²): near units attract, a ring further out is pushed away.</summary>
    MexicanHat,
    /// <summary>exp(−L1 / σ) on the lattice's city-block distance: |a−i| + |b−j| on the rectangular grid, hex steps on the hexagonal one.</summary>
    Laplacian,
}

/// <summary>Which SOM algorithm trains the map.</summary>
public enum SomMode
{
    /// <summary>Kohonen's online rule, one sample at a time: w ← w + η(t)·K(bmu, ·)·(x − w).</summary>
    Online,
    /// <summary>Batch SOM: each epoch, BMUs of all samples, then w = Σ K·x / Σ K.</summary>
    Batch,
}

/// <summary>How the learning rate and radius move from their start to their end values over the run.</summary>
public enum SomDecay
{
    /// <summary>v(f) = start + (end − start)·f for run fraction f ∈ [0, 1] (kohonen's schedule).</summary>
    Linear,
    /// <summary>v(f) = start·(end / start)^f (end must be &gt; 0).</summary>
    Exponential,
}

/// <summary>How the prototypes are placed before training.</summary>
public enum SomInitialization
{
    /// <summary>Distinct random training samples (kohonen's default).</summary>
    Samples,
    /// <summary>A regular grid on the plane of the first two principal components, ±1 standard deviation around the mean.</summary>
    Pca,
}

/// <summary>
/// Hyper-parameters of <see cref="SelfOrganizingMap"/> (Kohonen, 1982; batch SOM: Kohonen, 1993).
/// Schedules run over the whole training run (all epochs × batches).
/// </summary>
public sealed record SelfOrganizingMapOptions : ModelOptions
{
    /// <summary>Rows of the map.</summary>
    [Description("Rows of the map")]
    [Range(1, 10_000)]
    public int Rows { get; init; } = 10;

    /// <summary>Columns of the map.</summary>
    [Description("Columns of the map")]
    [Range(1, 10_000)]
    public int Columns { get; init; } = 10;

    /// <summary>Lattice of the units.</summary>
    [Description("Grid topology: rectangular or hexagonal")]
    public SomTopology Topology { get; init; } = SomTopology.Rectangular;

    /// <summary>Neighbourhood kernel.</summary>
    [Description("Neighbourhood kernel: gaussian, bubble, mexican-hat, laplacian")]
    public SomKernel Kernel { get; init; } = SomKernel.Gaussian;

    /// <summary>Training algorithm.</summary>
    [Description("Algorithm: online (sample by sample) or batch (w = sum K x / sum K per epoch; use --batch-size >= N or prototypes move once per epoch anyway)")]
    public SomMode Mode { get; init; } = SomMode.Online;

    /// <summary>Learning rate η at the start of the run (online mode).</summary>
    [Description("Online learning rate at the start (kohonen: 0.05)")]
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double LearningRateStart { get; init; } = 0.05;

    /// <summary>Learning rate η at the end of the run (online mode).</summary>
    [Description("Online learning rate at the end (kohonen: 0.01)")]
    [Range(0.0, 1.0)]
    public double LearningRateEnd { get; init; } = 0.01;

    /// <summary>Neighbourhood radius σ at the start, in grid units; 0 picks kohonen's default (2/3 quantile of all unit-to-unit distances).</summary>
    [Description("Radius at the start in grid units (0 = kohonen's default: 2/3 quantile of unit-to-unit distances)")]
    [Range(0.0, 1e6)]
    public double RadiusStart { get; init; }

    /// <summary>Neighbourhood radius σ at the end, in grid units (0: only the winner moves at the end).</summary>
    [Description("Radius at the end in grid units (<= start; 0 = only the winner at the end)")]
    [Range(0.0, 1e6)]
    public double RadiusEnd { get; init; }

    /// <summary>Schedule of learning rate and radius.</summary>
    [Description("Decay of learning rate and radius: linear or exponential (exponential needs end values > 0)")]
    public SomDecay Decay { get; init; } = SomDecay.Linear;

    /// <summary>Initial prototypes.</summary>
    [Description("Initial prototypes: samples (random training samples) or pca (grid on the first two principal components)")]
    public SomInitialization Initialization { get; init; } = SomInitialization.Samples;

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        if (LearningRateEnd > LearningRateStart)
            throw new InvalidOptionException(nameof(LearningRateEnd), LearningRateEnd, $"<= LearningRateStart ({LearningRateStart})");
        if (RadiusStart > 0 && RadiusEnd > RadiusStart)
            throw new InvalidOptionException(nameof(RadiusEnd), RadiusEnd, $"<= RadiusStart ({RadiusStart})");
        if (Decay == SomDecay.Exponential && RadiusEnd <= 0)
            throw new InvalidOptionException(nameof(RadiusEnd), RadiusEnd, "> 0 with exponential decay");
        if (Decay == SomDecay.Exponential && Mode == SomMode.Online && LearningRateEnd <= 0)
            throw new InvalidOptionException(nameof(LearningRateEnd), LearningRateEnd, "> 0 with exponential decay");
    }
}
