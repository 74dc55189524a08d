using LatentSharp.Cli.Rendering;
using LatentSharp.Training;
using Spectre.Console.Testing;

namespace LatentSharp.Tests.Cli.Rendering;

public class TrainingDisplayTests
{
    static readonly RunFile[] Files =
    [
        new("config.json", "model name, hyper-parameters, data and trainer settings of the run", "trainer"),
        new("loss.png", "loss per epoch for each split, phases marked", "pictures"),
    ];

    // Two epochs of four batches: batch reports, then the report that ends each epoch.
    static void Train(IProgress<TrainingProgress> progress)
    {
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int batch = 1; batch <= 4; batch++)
                progress.Report(new TrainingProgress(epoch, 2, batch, 4, epoch * 4 + batch, 10.0 / batch, 1234, TimeSpan.FromSeconds(8 - batch)));
            var metrics = new Dictionary<string, double>
            {
                ["epoch"] = epoch + 1, ["step"] = (epoch + 1) * 4, ["seconds"] = 1.5,
                ["train.loss"] = 2.5 - epoch, ["train.recon"] = 2.5 - epoch, ["test.loss"] = 3, ["test.recon"] = 2.75,
            };
            var warnings = epoch == 1 ? new[] { new TrainingCondition("dead-units", "3 of 64 code units never fire") } : null;
            progress.Report(new TrainingProgress(epoch, 2, 4, 4, (epoch + 1) * 4, 2.5, 1234, TimeSpan.Zero, metrics, warnings));
        }
    }

    [Fact]
    public void Plain_display_writes_one_line_per_epoch_and_nothing_per_batch()
    {
        var output = new StringWriter();
        var display = new PlainTrainingDisplay(output);
        Assert.Equal(7, display.Run(() => { Train(display); return 7; }));
        display.Finished(TimeSpan.FromSeconds(75), Files, "runs/x");
        string[] expected =
        [
            "epoch 1/2  seconds 1.5  train.loss=recon 2.5  test.loss 3  test.recon 2.75",
            "epoch 2/2  seconds 1.5  train.loss=recon 1.5  test.loss 3  test.recon 2.75",
            "warning [dead-units] epoch 2: 3 of 64 code units never fire",
            "done in 1:15; 2 files in runs/x",
        ];
        Assert.Equal(expected, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', output.ToString());
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public void Live_display_prints_each_epoch_as_a_table_row_and_lists_the_files()
    {
        var console = new TestConsole().Width(160);
        var display = new LiveTrainingDisplay(console);
        Assert.Equal(7, display.Run(() => { Train(display); return 7; }));
        display.Finished(TimeSpan.FromSeconds(75), Files, "runs/x");
        var lines = console.Lines.Select(l => l.TrimEnd()).ToList();

        // One header, then one row per epoch, the columns aligned by fixed widths.
        var header = lines.Single(l => l.Contains("train.loss=recon"));
        Assert.Matches(@"epoch\s+seconds\s+train\.loss=recon\s+test\.loss\s+test\.recon$", header);
        var rows = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d/2\s")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Matches(@"^\s*1/2\s+1\.5\s+2\.5\s+3\s+2\.75$", rows[0]);
        Assert.Matches(@"^\s*2/2\s+1\.5\s+1\.5\s+3\s+2\.75$", rows[1]);
        Assert.Equal(header.Length, rows[0].Length);
        Assert.Contains(lines, l => l.Contains("warning [dead-units] epoch 2: 3 of 64 code units never fire"));

        Assert.Contains(lines, l => l.StartsWith("Done in 1:15. runs/x holds:"));
        Assert.Contains(lines, l => l.Contains("config.json") && l.Contains("model name, hyper-parameters"));
        Assert.Contains(lines, l => l.Contains("loss.png") && l.Contains("loss per epoch for each split"));
    }

    [Fact]
    public void Live_display_draws_a_bar_with_loss_rate_and_time_left_on_an_interactive_terminal()
    {
        var console = new TestConsole().Width(160).Interactive();
        var display = new LiveTrainingDisplay(console);
        display.Run(() => { Train(display); return 0; });
        // The last frame drawn before the bar is cleared: epoch 2 complete.
        Assert.Contains("epoch 2/2  loss 2.5", console.Output);
        Assert.Contains("100%", console.Output);
        Assert.Contains("1,234 samples/s", console.Output);
        Assert.Contains("run left 0:04", console.Output);
    }

    [Fact]
    public void Recon_is_folded_into_loss_only_when_they_are_the_same_number()
    {
        var figures = EpochFigures.Of(new Dictionary<string, double>
        {
            ["epoch"] = 1, ["train.loss"] = 2, ["train.recon"] = 2, ["train.kl"] = 0.5, ["test.loss"] = 3, ["test.recon"] = 2.5,
        });
        Assert.Equal(["train.loss=recon", "train.kl", "test.loss", "test.recon"], figures.Select(f => f.Label));
        Assert.Equal(["2", "0.5", "3", "2.5"], figures.Select(f => f.Value));
    }
}
