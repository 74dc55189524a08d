using LatentSharp.Cli.CommandLine;

namespace LatentSharp.Tests.Cli;

public class ArgumentListTests
{
    [Fact]
    public void A_repeatable_option_keeps_every_value_in_order_and_a_single_one_refuses_repeats()
    {
        var args = new ArgumentList(["run"], [("estimator", "probe"), ("seed", "1"), ("estimator", "knn:k=3"), ("seed", "2")]);
        Assert.Equal("run", args.Positional("run folder"));
        Assert.Equal(["probe", "knn:k=3"], args.Values("estimator"));
        Assert.Empty(args.Values("absent"));
        Assert.Equal("--seed is given twice.", Assert.Throws<UsageException>(() => args.Value("seed")).Message);
        var flags = new ArgumentList([], [("verbose", null), ("resume", "false")]);
        Assert.True(flags.Flag("verbose"));
        Assert.False(flags.Flag("resume"));
        Assert.Equal("Missing run folder.", Assert.Throws<UsageException>(() => flags.Positional("run folder")).Message);
    }
}
