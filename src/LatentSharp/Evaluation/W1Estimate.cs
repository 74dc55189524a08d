namespace LatentSharp.Evaluation;

/// <summary>
/// A Wasserstein-1 estimate from <see cref="WassersteinCritic"/>.
/// </summary>
/// <param name="Distance">The calibrated estimate of W1(a, b) in the data's units: <paramref name="Raw"/> / <paramref name="Lipschitz"/>.</param>
/// <param name="StandardError">Standard error of <paramref name="Distance"/> over the held-out batches (the Lipschitz constant held fixed).</param>
/// <param name="Raw">The clipped critic's mean f(a) − mean f(b) on the held-out samples: W1 times an unknown scale K set by the clip.</param>
/// <param name="Lipschitz">The critic's largest slope |f(u) − f(v)| / ‖u − v‖ over pairs of held-out samples (a lower bound on its Lipschitz constant).</param>
/// <param name="Clip">The clip c used.</param>
/// <param name="Steps">Critic steps taken.</param>
/// <param name="TrainCount">Samples of a and of b the critic trained on.</param>
/// <param name="HeldOutCount">Samples of a and of b it was scored on.</param>
public sealed record W1Estimate(double Distance, double StandardError, double Raw, double Lipschitz, double Clip, int Steps,
    (long A, long B) TrainCount, (long A, long B) HeldOutCount);
