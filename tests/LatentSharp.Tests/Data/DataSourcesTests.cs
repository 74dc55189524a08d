using LatentSharp.Data;

namespace LatentSharp.Tests.Data;

/// <summary>
/// Resolver tests. Two of them read or write the process-wide LATENTSHARP_DATA variable; tests in
/// one class never run in parallel, so they are kept here.
/// </summary>
public sealed class DataSourcesTests : IDisposable
{
    readonly TestFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("fashion-mnist-small")]
    public void The_embedded_default_is_a_fashion_mnist_subset(string? source)
    {
        using var split = DataSources.Resolve(source);

        Assert.Equal("fashion-mnist-small/train", split.Train.Name);
        Assert.Equal(5000, split.Train.Count);
        Assert.Equal(1000, split.Test!.Count);
        foreach (var dataset in new[] { split.Train, split.Test })
        {
            Assert.Equal([1L, 28, 28], dataset.SampleShape);
            var summary = dataset.Describe();
            Assert.Equal(0, summary.Minimum);
            Assert.Equal(1, summary.Maximum);
            Assert.InRange(summary.Mean, 0.2, 0.4);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), summary.LabelCounts!.Select(c => c.Label));
            Assert.All(summary.LabelCounts!, c => Assert.InRange(c.Count, dataset.Count / 20, dataset.Count / 5));
            Assert.Equal("Ankle boot", dataset.ClassNames![9]);
        }
    }

    [Fact]
    public void Fashion_mnist_loads_from_the_system_package_or_says_how_to_install_it()
    {
        var saved = Environment.GetEnvironmentVariable(DataSources.DataDirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataSources.DataDirectoryVariable, null);
            if (Directory.Exists(DataSources.SystemFashionMnistDirectory))
            {
                using var split = DataSources.Resolve("fashion-mnist");
                Assert.Equal(60000, split.Train.Count);
                Assert.Equal(10000, split.Test!.Count);
                Assert.Equal([1L, 28, 28], split.Train.SampleShape);
                Assert.Equal(10, split.Train.ClassNames!.Count);
            }
            else
            {
                var error = Assert.Throws<DataSourceException>(() => DataSources.Resolve("fashion-mnist"));
                Assert.Contains(DataSources.SystemFashionMnistDirectory, error.Message);
                Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
                Assert.Contains("LATENTSHARP_DATA", error.Message);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataSources.DataDirectoryVariable, saved);
        }
    }

    [Fact]
    public void LATENTSHARP_DATA_is_where_fashion_mnist_is_looked_for()
    {
        var saved = Environment.GetEnvironmentVariable(DataSources.DataDirectoryVariable);
        try
        {
            // Files under a fashion-mnist subfolder...
            files.WriteMnistDirectory("root/fashion-mnist", train: 6, test: 4);
            Environment.SetEnvironmentVariable(DataSources.DataDirectoryVariable, files.PathOf("root"));
            using (var split = DataSources.Resolve("fashion-mnist"))
            {
                Assert.Equal(6, split.Train.Count);
                Assert.Equal(4, split.Test!.Count);
                Assert.Equal([1L, 4, 3], split.Train.SampleShape);
                Assert.Equal("fashion-mnist/train", split.Train.Name);
            }

            // ...or directly in the directory.
            files.WriteMnistDirectory("flat", train: 5, test: 2);
            Environment.SetEnvironmentVariable(DataSources.DataDirectoryVariable, files.PathOf("flat"));
            using (var split = DataSources.Resolve("fashion-mnist"))
                Assert.Equal(5, split.Train.Count);

            // A directory without the files: the error says where it looked, not the system path.
            Environment.SetEnvironmentVariable(DataSources.DataDirectoryVariable, files.PathOf("nothing-here"));
            var error = Assert.Throws<DataSourceException>(() => DataSources.Resolve("fashion-mnist"));
            Assert.Contains(files.PathOf("nothing-here"), error.Message);
            Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataSources.DataDirectoryVariable, saved);
        }
    }

    [Fact]
    public void An_unknown_name_lists_the_known_names()
    {
        var error = Assert.Throws<DataSourceException>(() => DataSources.Resolve("cifar-10"));
        Assert.Contains("'cifar-10'", error.Message);
        foreach (var (name, _) in DataSources.KnownNames)
            Assert.Contains(name, error.Message);
    }

    [Fact]
    public void A_missing_path_says_it_does_not_exist()
    {
        var error = Assert.Throws<DataSourceException>(() => DataSources.Resolve(files.PathOf("missing.csv")));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void An_images_file_finds_its_labels_by_name()
    {
        files.Write("my-images-idx3-ubyte.gz", TestFiles.Images(7, 2, 2));
        files.Write("my-labels-idx1-ubyte.gz", TestFiles.Labels(7));
        files.Write("other-images.idx", TestFiles.Images(3, 2, 2));

        using var split = DataSources.Resolve(files.PathOf("my-images-idx3-ubyte.gz"));
        Assert.Equal(7, split.Train.Count);
        Assert.True(split.Train.HasLabels);
        Assert.Null(split.Test);
        Assert.Equal("my-images", split.Train.Name);

        using var unlabelled = DataSources.Resolve(files.PathOf("other-images.idx"));
        Assert.False(unlabelled.Train.HasLabels);
    }

    [Fact]
    public void A_directory_of_mnist_files_has_train_and_test()
    {
        var directory = files.WriteMnistDirectory("digits", train: 8, test: 3);
        using var split = DataSources.Resolve(directory);
        Assert.Equal(8, split.Train.Count);
        Assert.Equal(3, split.Test!.Count);
        Assert.Null(split.Train.ClassNames);
    }

    [Fact]
    public void A_csv_file_uses_the_csv_options_and_an_optional_test_file()
    {
        var train = files.WriteText("train.csv", "a;b;y\n1;2;0\n3;4;1\n5;6;1\n");
        var test = files.WriteText("test.csv", "a;b;y\n7;8;0\n");
        var options = new DataSourceOptions { Csv = new CsvOptions { Separator = ';', LabelColumn = "y" }, TestPath = test };

        using var split = DataSources.Resolve(train, options);

        Assert.Equal([2L], split.Train.SampleShape);
        Assert.Equal(3, split.Train.Count);
        Assert.Equal(1, split.Test!.Count);
        Assert.Equal([0L], split.Test.Labels!.data<long>().ToArray());

        using var alone = DataSources.Resolve(train, options with { TestPath = null });
        Assert.Null(alone.Test);
    }

    [Fact]
    public void A_test_file_must_match_the_training_file()
    {
        var train = files.WriteText("train.csv", "1,2\n3,4\n");
        var test = files.WriteText("test.csv", "1,2,3\n");
        var error = Assert.Throws<DataFormatException>(() => DataSources.Resolve(train, new DataSourceOptions { TestPath = test }));
        Assert.Contains("does not match the training data", error.Message);
    }

    [Fact]
    public void A_test_file_is_refused_for_named_sources()
    {
        var error = Assert.Throws<DataSourceException>(() => DataSources.Resolve(null, new DataSourceOptions { TestPath = "x.csv" }));
        Assert.Contains("already has its own test split", error.Message);
    }

    [Fact]
    public void An_unsupported_file_type_is_refused()
    {
        var error = Assert.Throws<DataSourceException>(() => DataSources.Resolve(files.WriteText("notes.txt", "1,2\n")));
        Assert.Contains("neither a .csv file nor an IDX file", error.Message);
    }
}
