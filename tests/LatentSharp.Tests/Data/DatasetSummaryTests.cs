using LatentSharp.Data;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Data;

public sealed class DatasetSummaryTests
{
    [Fact]
    public void Describe_reports_range_mean_and_labels()
    {
        using var dataset = new Dataset("toy", tensor(new float[] { -1, 2, 3, 4, 5, 11 }, [3, 2]), tensor(new long[] { 4, 0, 4 }));

        var summary = dataset.Describe();

        Assert.Equal("toy", summary.Name);
        Assert.Equal(3, summary.Count);
        Assert.Equal([2L], summary.SampleShape);
        Assert.Equal(-1, summary.Minimum);
        Assert.Equal(11, summary.Maximum);
        Assert.Equal(4, summary.Mean, 6);
        Assert.Equal([(0L, 1L), (4L, 2L)], summary.LabelCounts!);
    }

    [Fact]
    public void Describe_without_labels_has_no_label_counts()
    {
        using var dataset = new Dataset("toy", zeros(2, 3));
        Assert.Null(dataset.Describe().LabelCounts);
    }
}
