namespace LatentSharp.Models.Competitive;

/// <summary>What <see cref="KMeans.Fit(TorchSharp.torch.Tensor, long)"/> found.</summary>
/// <param name="Inertia">Σ over samples of the squared distance to the nearest centroid (the kept restart, final centroids).</param>
/// <param name="MeanSquaredDistance">Inertia divided by the number of samples (the <c>loss</c> metric).</param>
/// <param name="Iterations">Lloyd iterations (or mini-batch epochs) of the kept restart.</param>
/// <param name="Converged">Whether the kept restart met the tolerance before the iteration limit.</param>
/// <param name="RestartInertias">Final inertia of every restart, in order.</param>
public sealed record KMeansFitResult(double Inertia, double MeanSquaredDistance, int Iterations, bool Converged, IReadOnlyList<double> RestartInertias);
