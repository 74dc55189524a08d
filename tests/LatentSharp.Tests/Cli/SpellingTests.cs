using LatentSharp.Cli.CommandLine;

namespace LatentSharp.Tests.Cli;

public class SpellingTests
{
    [Theory]
    [InlineData("epcohs", "epochs", 1)]   // a swap is one slip
    [InlineData("trian", "train", 1)]
    [InlineData("autoencodr", "autoencoder", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_counts_edits_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, Spelling.Distance(a, b));
        Assert.Equal(expected, Spelling.Distance(b, a));
    }

    [Fact]
    public void Closest_picks_the_nearest_close_word_or_none()
    {
        Assert.Equal("train", Spelling.Closest("trian", ["evaluate", "train", "data"]));
        Assert.Equal("som", Spelling.Closest("SOM", ["som", "vae"]));
        Assert.Null(Spelling.Closest("fly", ["train", "evaluate", "data"]));
    }
}
