using LatentSharp.Evaluation;

namespace LatentSharp.Tests.Evaluation;

public class ClusteringScoresTests
{
    static readonly long[] Truth = [0, 0, 0, 1, 1, 1];

    [Fact]
    public void Identical_and_renamed_partitions_score_one()
    {
        long[] renamed = [7, 7, 7, 3, 3, 3];
        Assert.Equal(1.0, ClusteringScores.AdjustedRandIndex(Truth, Truth), 12);
        Assert.Equal(1.0, ClusteringScores.AdjustedRandIndex(Truth, renamed), 12);
        Assert.Equal(1.0, ClusteringScores.NormalizedMutualInformation(Truth, renamed), 12);
    }

    [Fact]
    public void Hand_computed_example_matches()
    {
        // Contingency [[2, 1], [0, 3]]: Σ C(n_ij, 2) = 1 + 0 + 0 + 3 = 4; rows 3, 3 → 6; columns 2, 4 → 1 + 6 = 7;
        // expected = 6·7/15 = 2.8; max = 6.5; ARI = (4 − 2.8)/(6.5 − 2.8) = 0.324324...
        long[] predicted = [0, 0, 1, 1, 1, 1];
        Assert.Equal(1.2 / 3.7, ClusteringScores.AdjustedRandIndex(Truth, predicted), 12);
        // MI = Σ p_ij log(p_ij / (p_i p_j)); H(truth) = ln 2; H(pred) = −(1/3 ln 1/3 + 2/3 ln 2/3).
        double mi = 2.0 / 6 * Math.Log((2.0 / 6) / (0.5 * 2.0 / 6)) + 1.0 / 6 * Math.Log((1.0 / 6) / (0.5 * 4.0 / 6))
                    + 3.0 / 6 * Math.Log((3.0 / 6) / (0.5 * 4.0 / 6));
        double hPred = -(1.0 / 3 * Math.Log(1.0 / 3) + 2.0 / 3 * Math.Log(2.0 / 3));
        Assert.Equal(mi / ((Math.Log(2) + hPred) / 2), ClusteringScores.NormalizedMutualInformation(Truth, predicted), 12);
    }

    [Fact]
    public void Known_values_from_scikit_learn()
    {
        // sklearn.metrics.adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        Assert.Equal(0.5714285714285715, ClusteringScores.AdjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 12);
        // adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5 (worse than chance)
        Assert.Equal(-0.5, ClusteringScores.AdjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), 12);
        // normalized_mutual_info_score([0,0,1,1],[0,1,0,1]) = 0 (independent)
        Assert.Equal(0.0, ClusteringScores.NormalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1]), 12);
    }

    [Fact]
    public void Independent_partitions_score_near_zero()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 20000).Select(_ => (long)random.Next(5)).ToArray();
        var b = Enumerable.Range(0, 20000).Select(_ => (long)random.Next(4)).ToArray();
        Assert.InRange(ClusteringScores.AdjustedRandIndex(a, b), -0.005, 0.005);
        Assert.InRange(ClusteringScores.NormalizedMutualInformation(a, b), 0, 0.005);
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ClusteringScores.AdjustedRandIndex([0, 1], [0]));
        Assert.Contains("same samples", e.Message);
    }
}
