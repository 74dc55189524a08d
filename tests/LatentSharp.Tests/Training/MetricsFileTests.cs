using LatentSharp.Tests.Visualization;
using LatentSharp.Training;
using LatentSharp.Visualization;

namespace LatentSharp.Tests.Training;

public sealed class MetricsFileTests : IDisposable
{
    readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_OldAllNumberLines_AndNewLinesWithPhaseAndKinds()
    {
        var path = _dir.File("metrics.jsonl");
        File.WriteAllText(path,
            "{\"epoch\":1,\"train.loss\":0.5,\"test.loss\":null}\n" +
            "\n" +
            "{\"epoch\":2,\"train.loss\":0.25,\"phase\":\"layer-1\",\"kinds\":{\"train.loss\":\"proxy\",\"test.elbo\":\"bound\"}}\n");

        var records = MetricsFile.Read(path);

        Assert.Equal(2, records.Count);
        Assert.Null(records[0].Phase);
        Assert.Empty(records[0].Kinds);
        Assert.True(double.IsNaN(records[0]["test.loss"]));
        Assert.Equal("layer-1", records[1].Phase);
        Assert.Equal(0.25, records[1]["train.loss"]);
        Assert.Equal(MetricKind.Bound, records[1].Kinds["test.elbo"]);
        Assert.False(records[1].Values.ContainsKey("phase"));
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameRecords()
    {
        var path = _dir.File("m.jsonl");
        var first = new EpochRecord(new Dictionary<string, double> { ["epoch"] = 1, ["train.loss"] = 0.125, ["test.loss"] = double.PositiveInfinity }, "fine-tune",
            new Dictionary<string, MetricKind> { ["train.loss"] = MetricKind.Proxy });
        var second = new EpochRecord(new Dictionary<string, double> { ["epoch"] = 2, ["train.loss"] = 0.0625 }, null, new Dictionary<string, MetricKind>());

        MetricsFile.Write(path, [first]);
        MetricsFile.Append(path, second);
        var read = MetricsFile.Read(path);

        Assert.Equal(2, read.Count);
        Assert.Equal("fine-tune", read[0].Phase);
        Assert.Equal(0.125, read[0]["train.loss"]);
        Assert.True(double.IsNaN(read[0]["test.loss"]));        // non-finite is written as null
        Assert.Equal(MetricKind.Proxy, read[0].Kinds["train.loss"]);
        Assert.Null(read[1].Phase);
        Assert.Equal(0.0625, read[1]["train.loss"]);
    }

    [Fact]
    public void Read_NamesTheBadLine()
    {
        var path = _dir.File("bad.jsonl");
        File.WriteAllText(path, "{\"epoch\":1}\n{\"epoch\":\"two\"}\n");

        var error = Assert.Throws<InvalidDataException>(() => MetricsFile.Read(path));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("'epoch'", error.Message);
    }

    [Fact]
    public void Format_RefusesAMetricNamedLikeThePhase()
    {
        var record = new EpochRecord(new Dictionary<string, double> { ["phase"] = 1 }, null, new Dictionary<string, MetricKind>());
        Assert.Throws<ArgumentException>(() => MetricsFile.Format(record));
    }

    static EpochRecord Epoch(int epoch, double loss, string? phase) =>
        new(new Dictionary<string, double> { ["epoch"] = epoch, ["train.loss"] = loss, ["test.loss"] = loss * 1.1 }, phase, new Dictionary<string, MetricKind>());

    [Fact]
    public void LossCurves_OfTwoPhases_MarkTheBoundaryBetweenThem()
    {
        EpochRecord[] run = [Epoch(1, 0.9, "layer-1"), Epoch(2, 0.7, "layer-1"), Epoch(3, 0.6, "layer-1"), Epoch(4, 0.3, "fine-tune"), Epoch(5, 0.2, "fine-tune")];

        var boundaries = LineChart.PhaseBoundaries(run);
        Assert.Equal([new PhaseBoundary(3.5, "fine-tune")], boundaries);

        var path = _dir.File("loss.png");
        LineChart.SaveTrainingCurves(path, run);
        using var png = SkiaSharp.SKBitmap.Decode(path);
        Assert.Equal(800, png.Width);
    }

    [Fact]
    public void PhaseBoundaries_NoneWithoutPhasesOrWithOne_AndOneAtEachChange()
    {
        Assert.Empty(LineChart.PhaseBoundaries([Epoch(1, 1, null), Epoch(2, 1, null)]));
        Assert.Empty(LineChart.PhaseBoundaries([Epoch(1, 1, "only"), Epoch(2, 1, "only")]));
        Assert.Equal([new PhaseBoundary(1.5, "b"), new PhaseBoundary(2.5, "c")],
            LineChart.PhaseBoundaries([Epoch(1, 1, "a"), Epoch(2, 1, "b"), Epoch(3, 1, "c")]));
    }
}
