using LatentSharp.Evaluation;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public class FrechetDistanceTests
{
    [Fact]
    public void Diagonal_covariances_give_the_closed_form()
    {
        // For diagonal Σ: d² = ‖μ1 − μ2‖² + Σ_i (√a_i − √b_i)².
        double[] a = [1, 4, 0.25, 9], b = [4, 1, 1, 0.01];
        double[] m1 = [0, 1, -2, 3], m2 = [1, 1, 0, 0];
        double expected = m1.Zip(m2).Sum(p => (p.First - p.Second) * (p.First - p.Second)) +
                          a.Zip(b).Sum(p => (Math.Sqrt(p.First) - Math.Sqrt(p.Second)) * (Math.Sqrt(p.First) - Math.Sqrt(p.Second)));
        using var s1 = diag(tensor(a));
        using var s2 = diag(tensor(b));
        Assert.Equal(expected, FrechetDistance.OfGaussians(tensor(m1), s1, tensor(m2), s2), 10);

        // Rotating both Gaussians by one orthogonal matrix leaves the distance unchanged, and the
        // rotated covariances are full: the square roots must handle non-diagonal matrices.
        using var generator = new Generator(2);
        var (q, _) = linalg.qr(randn(4, 4, generator: generator, dtype: ScalarType.Float64));
        Assert.Equal(expected, FrechetDistance.OfGaussians(q.matmul(tensor(m1)), q.matmul(s1).matmul(q.t()), q.matmul(tensor(m2)), q.matmul(s2).matmul(q.t())), 9);
    }

    [Fact]
    public void Non_commuting_covariances_match_the_trace_of_the_general_square_root()
    {
        // Σ1 = diag(1, 4), Σ2 = [[2, 1], [1, 2]]: Tr((Σ1 Σ2)^{1/2}) computed independently from the 2×2 formula
        // Tr(√M) = √(Tr M + 2√det M) for M with positive eigenvalues.
        using var s1 = diag(tensor(new double[] { 1, 4 }));
        using var s2 = tensor(new double[,] { { 2, 1 }, { 1, 2 } });
        using var zero = zeros(2, dtype: ScalarType.Float64);
        double traceM = 1 * 2 + 4 * 2, detM = (1 * 4) * (2 * 2 - 1);
        double expected = 5 + 4 - 2 * Math.Sqrt(traceM + 2 * Math.Sqrt(detM));
        Assert.Equal(expected, FrechetDistance.OfGaussians(zero, s1, zero, s2), 10);
    }

    [Fact]
    public void Identical_feature_sets_are_at_distance_zero()
    {
        using var generator = new Generator(7);
        using var features = randn(300, 64, generator: generator) * 3 + 1;
        Assert.Equal(0, FrechetDistance.Between(features, features), 8);
    }

    [Fact]
    public void Samples_of_planted_gaussians_estimate_their_distance()
    {
        // N((0,0), diag(1,4)) vs N((1,1), diag(4,1)): d² = 2 + (1−2)² + (2−1)² = 4.
        using var generator = new Generator(8);
        using var a = randn(20_000, 2, generator: generator, dtype: ScalarType.Float64) * tensor(new double[] { 1, 2 });
        using var b = randn(20_000, 2, generator: generator, dtype: ScalarType.Float64) * tensor(new double[] { 2, 1 }) + 1;
        Assert.InRange(FrechetDistance.Between(a, b), 3.85, 4.15);
    }

    [Fact]
    public void Moments_need_two_rows_and_shapes_must_agree()
    {
        Assert.Throws<ArgumentException>(() => FrechetDistance.Moments(zeros(1, 3)));
        Assert.Throws<ArgumentException>(() => FrechetDistance.OfGaussians(zeros(2), eye(2), zeros(3), eye(3)));
    }
}
