using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;

namespace LatentSharp.Tests.Options;

public class ScheduleTests
{
    const long Total = 1000;

    [Fact]
    public void A_constant_holds_its_value_at_every_step()
    {
        var schedule = Schedule.Parse("1e-3");
        Assert.Equal(ScheduleKind.Constant, schedule.Kind);
        foreach (long step in new long[] { 0, 1, 500, 999, 1000, 5000 }) Assert.Equal(1e-3, schedule.ValueAt(step, Total));
        Assert.Equal(Schedule.Constant(1e-3), schedule);
    }

    [Fact]
    public void Linear_goes_from_start_to_end_over_the_run_and_holds_the_end_beyond_it()
    {
        var schedule = Schedule.Parse("linear:1e-3->1e-5");
        Assert.Equal(1e-3, schedule.ValueAt(0, Total));
        Assert.Equal((1e-3 + 1e-5) / 2, schedule.ValueAt(500, Total), 15);
        Assert.Equal(1e-5, schedule.ValueAt(1000, Total));
        Assert.Equal(1e-5, schedule.ValueAt(4000, Total));
    }

    [Fact]
    public void Cosine_starts_high_is_halfway_in_the_middle_and_ends_at_its_end()
    {
        var schedule = Schedule.Parse("cosine:1e-3->0");
        Assert.Equal(1e-3, schedule.ValueAt(0, Total), 15);
        Assert.Equal(0.5e-3, schedule.ValueAt(500, Total), 15);
        Assert.True(schedule.ValueAt(250, Total) > 0.75e-3, "cosine falls slowly at first");
        Assert.Equal(0, schedule.ValueAt(1000, Total));
        Assert.Equal(0, schedule.ValueAt(1001, Total));
    }

    [Fact]
    public void Step_multiplies_by_its_factor_after_every_period_whatever_the_run_length()
    {
        var schedule = Schedule.Parse("step:1e-3*0.5@every=100");
        Assert.Equal(1e-3, schedule.ValueAt(0, Total));
        Assert.Equal(1e-3, schedule.ValueAt(99, Total));
        Assert.Equal(0.5e-3, schedule.ValueAt(100, Total));
        Assert.Equal(0.25e-3, schedule.ValueAt(250, 0));
    }

    [Fact]
    public void Warmup_rises_linearly_to_the_start_value_then_the_schedule_runs_over_the_remaining_steps()
    {
        var schedule = Schedule.Parse("linear:1e-3->0,warmup=100");
        Assert.Equal(1e-3 / 100, schedule.ValueAt(0, Total), 15);
        Assert.Equal(0.5e-3, schedule.ValueAt(49, Total), 15);
        Assert.Equal(1e-3, schedule.ValueAt(99, Total), 15);       // the warm-up's last step reaches the start value
        Assert.Equal(1e-3, schedule.ValueAt(100, Total), 15);      // and the decay starts from it
        Assert.Equal(0.5e-3, schedule.ValueAt(550, Total), 15);    // halfway through the 900 steps after warm-up
        Assert.Equal(0, schedule.ValueAt(1000, Total));
        Assert.Equal(0, schedule.ValueAt(2000, Total));
        var constant = Schedule.Parse("2e-3,warmup=10");
        Assert.Equal(1e-3, constant.ValueAt(4, Total), 15);
        Assert.Equal(2e-3, constant.ValueAt(10, Total));
    }

    [Theory]
    [InlineData("1e-3")]
    [InlineData("0.01")]
    [InlineData("linear:1e-3->1e-5")]
    [InlineData("cosine:1e-3->0")]
    [InlineData("step:1e-3*0.5@every=1000")]
    [InlineData("linear:2.5e-4->1e-6,warmup=500")]
    [InlineData("constant:0.5,warmup=20")]
    [InlineData("step:0.1*0.9@every=7,warmup=3")]
    public void Formatting_gives_back_the_text_and_parsing_that_gives_an_equal_schedule(string text)
    {
        var schedule = Schedule.Parse(text);
        Assert.Equal(text, schedule.ToString());
        Assert.Equal(schedule, Schedule.Parse(schedule.ToString()));
    }

    [Fact]
    public void Numbers_format_in_their_shortest_exact_form()
    {
        Assert.Equal("1e-3", Schedule.Format(0.001));
        Assert.Equal("0.01", Schedule.Format(0.01));
        Assert.Equal("2.5e-4", Schedule.Format(2.5e-4));
        Assert.Equal("123.25", Schedule.Format(123.25));
        Assert.Equal("-0.5", Schedule.Format(-0.5));
        Assert.Equal("1e6", Schedule.Format(1e6));
        var awkward = 1.0 / 3;
        Assert.Equal(awkward, double.Parse(Schedule.Format(awkward), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("linear:1e-3->1e-5", Schedule.Parse("linear:0.001->0.00001").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("exponential:1e-3->1e-5")]
    [InlineData("linear:1e-3")]
    [InlineData("linear:1e-3->")]
    [InlineData("step:1e-3*0.5")]
    [InlineData("step:1e-3*2@every=10")]
    [InlineData("step:1e-3*0.5@every=0")]
    [InlineData("1e-3,warmup=-5")]
    [InlineData("1e-3,cooldown=5")]
    [InlineData("cosine:NaN->0")]
    public void Malformed_text_is_refused_with_the_grammar(string text)
    {
        var e = Assert.Throws<FormatException>(() => Schedule.Parse(text));
        Assert.Contains($"'{text}' is not a schedule", e.Message);
        Assert.Contains(Schedule.Grammar, e.Message);
    }

    [Fact]
    public void Options_json_with_a_plain_number_loads_and_a_constant_is_written_as_a_plain_number()
    {
        var defaults = OptionsJson.Serialize(new AutoencoderOptions());
        Assert.Contains("\"learningRate\": 0.001", defaults);
        var old = defaults.Replace("\"learningRate\": 0.001", "\"learningRate\": 0.02");
        var loaded = (AutoencoderOptions)OptionsJson.Deserialize(old, typeof(AutoencoderOptions));
        Assert.Equal(Schedule.Constant(0.02), loaded.LearningRate);

        var scheduled = new AutoencoderOptions { LearningRate = Schedule.Parse("cosine:1e-3->0,warmup=50") };
        var json = OptionsJson.Serialize(scheduled);
        Assert.Contains("\"learningRate\": \"cosine:1e-3->0,warmup=50\"", json);
        Assert.Equal(scheduled.LearningRate, ((AutoencoderOptions)OptionsJson.Deserialize(json, typeof(AutoencoderOptions))).LearningRate);
    }

    [Fact]
    public void Options_json_with_a_malformed_schedule_is_refused_with_the_grammar()
    {
        var json = OptionsJson.Serialize(new AutoencoderOptions()).Replace("\"learningRate\": 0.001", "\"learningRate\": \"linear:1e-3\"");
        var e = Assert.Throws<FormatException>(() => OptionsJson.Deserialize(json, typeof(AutoencoderOptions)));
        Assert.Contains(Schedule.Grammar, e.Message);
    }

    [Fact]
    public void Validation_checks_a_schedule_against_the_declared_range_and_allows_decay_to_zero()
    {
        new AutoencoderOptions { LearningRate = Schedule.Parse("cosine:1e-3->0") }.Validate();
        var zero = Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { LearningRate = 0.0 }.Validate());
        Assert.Equal("LearningRate", zero.Field);
        var tooHigh = Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { LearningRate = Schedule.Parse("linear:20->1") }.Validate());
        Assert.Equal("LearningRate", tooHigh.Field);
        var negative = Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { LearningRate = Schedule.Parse("linear:1e-3->-1e-3") }.Validate());
        Assert.Equal("LearningRate", negative.Field);
    }
}
