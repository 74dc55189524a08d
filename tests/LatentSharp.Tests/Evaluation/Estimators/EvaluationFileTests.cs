using LatentSharp.Evaluation.Estimators;
using LatentSharp.Training;

namespace LatentSharp.Tests.Evaluation.Estimators;

public class EvaluationFileTests
{
    static EvaluationEntry Entry(string spec, double value, string split = "test") => new()
    {
        Spec = spec,
        Estimator = spec.Split(':')[0],
        Options = new Dictionary<string, string> { ["k"] = "5" },
        Values = [new MetricValue(spec + ".figure", value, MetricKind.Estimate, 0.25, "dB")],
        Split = split,
        Data = $"planted/{split}",
        Count = 10,
        TrainCount = 20,
        Seed = 3,
        LibraryVersion = "test",
        Timestamp = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Results_accumulate_and_the_same_evaluation_replaces_its_entry()
    {
        using var dir = TestData.TempDir();
        Assert.Empty(EvaluationFile.Read(dir.Path).Entries);
        EvaluationFile.Record(dir.Path, Entry("knn", 0.5));
        EvaluationFile.Record(dir.Path, Entry("probe", 0.7));
        EvaluationFile.Record(dir.Path, Entry("knn", 0.6));
        EvaluationFile.Record(dir.Path, Entry("knn", 0.9, split: "train"));
        var file = EvaluationFile.Read(dir.Path);
        Assert.Equal([("knn", "test"), ("probe", "test"), ("knn", "train")], file.Entries.Select(e => (e.Spec, e.Split)));
        var knn = file.Find("knn")!;
        Assert.Equal(Entry("knn", 0.6).Values, knn.Values);
        Assert.Equal((10L, 20L, 3L, "test"), (knn.Count, knn.TrainCount!.Value, knn.Seed, knn.LibraryVersion));
        Assert.Equal(Entry("knn", 0).Timestamp, knn.Timestamp);
        Assert.Equal(0.9, file.Find("knn", "train")!.Values[0].Value);
        Assert.Contains("\"kind\": \"estimate\"", File.ReadAllText(EvaluationFile.PathIn(dir.Path)));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"format\": 1, \"entries\": [ { \"spec\": \"knn\" } ] }")]
    [InlineData("{\"format\": 1, \"entries\": null}")]
    [InlineData("{\"format\": 99, \"entries\": []}")]
    [InlineData("[1, 2]")]
    public void A_damaged_file_gives_a_clear_error_and_is_left_as_it_was(string text)
    {
        using var dir = TestData.TempDir();
        var path = EvaluationFile.PathIn(dir.Path);
        File.WriteAllText(path, text);
        var e = Assert.Throws<EvaluationFileException>(() => EvaluationFile.Record(dir.Path, Entry("knn", 0.5)));
        Assert.Contains(path, e.Message);
        Assert.Equal(text, File.ReadAllText(path));
    }
}
