using LatentSharp.Evaluation;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Evaluation;

public sealed class NearestNeighborsBlockTests
{
    [Fact]
    public void With_more_stored_samples_than_one_block_holds_1_NN_is_the_brute_force_nearest_label()
    {
        // 300,000 stored samples: a 30 MB distance block holds 26 queries, so 100 queries take 4 blocks.
        using var generator = new Generator(11);
        using var stored = randn(300_000, 2, generator: generator);
        using var labels = randint(7, [300_000], generator: generator).to(ScalarType.Int64);
        using var queries = randn(100, 2, generator: generator);
        using var knn = new NearestNeighborsClassifier(stored, labels, classes: 7, k: 1);

        using var predicted = knn.Predict(queries, batchSize: 512);

        var x = stored.data<float>().ToArray();
        var y = labels.data<long>().ToArray();
        var q = queries.data<float>().ToArray();
        var got = predicted.data<long>().ToArray();
        double Distance(int i, int j)
        {
            double dx = q[2 * i] - x[2 * j], dy = q[2 * i + 1] - x[2 * j + 1];
            return dx * dx + dy * dy;
        }
        for (int i = 0; i < 100; i++)
        {
            double nearest = Enumerable.Range(0, 300_000).Min(j => Distance(i, j));
            // float32 distances may swap neighbours within rounding (1e-5 here): any label that close counts.
            var acceptable = Enumerable.Range(0, 300_000).Where(j => Distance(i, j) <= nearest + 1e-5).Select(j => y[j]).ToHashSet();
            Assert.Contains(got[i], acceptable);
        }
    }
}
