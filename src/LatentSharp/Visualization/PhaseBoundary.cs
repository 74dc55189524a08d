namespace LatentSharp.Visualization;

/// <summary>Where a training-curves chart marks the start of a phase.</summary>
/// <param name="X">Position on the epoch axis, halfway between the phase's first epoch and the epoch before it.</param>
/// <param name="Phase">Name of the phase that starts there.</param>
public sealed record PhaseBoundary(double X, string Phase);
