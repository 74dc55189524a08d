using System.Globalization;

namespace LatentSharp.Tests.Cli;

public class W1CliTests
{
    static string Csv(TestData.TempDirectory dir, string name, int rows, params double[] point)
    {
        var path = dir.File(name);
        File.WriteAllLines(path, Enumerable.Repeat(string.Join(",", point.Select(v => v.ToString(CultureInfo.InvariantCulture))), rows));
        return path;
    }

    [Fact]
    public void Two_csv_point_masses_give_their_distance()
    {
        using var dir = TestData.TempDir();
        var a = Csv(dir, "a.csv", 40, 0, 0);
        var b = Csv(dir, "b.csv", 40, 3, 4);
        var result = CliRunner.Run("w1", "--a", a, "--b", b, "--steps", "20", "--seed", "2");
        Assert.True(result.ExitCode == 0, result.Error);
        var line = result.Out.Split('\n').Single(l => l.StartsWith("w1\t", StringComparison.Ordinal)).Split('\t');
        Assert.InRange(Math.Abs(double.Parse(line[1], CultureInfo.InvariantCulture)), 4.5, 5.5);
        Assert.Equal("estimate", line[2]);
    }

    [Fact]
    public void Samples_of_different_sizes_are_refused_in_one_line()
    {
        using var dir = TestData.TempDir();
        var result = CliRunner.Run("w1", "--a", Csv(dir, "a.csv", 10, 0, 0), "--b", Csv(dir, "b.csv", 10, 1, 2, 3));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("one size", result.Error);
    }
}
