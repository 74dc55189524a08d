using System.Globalization;
using System.Text;
using LatentSharp.Training;

namespace LatentSharp.Tests.Cli;

/// <summary>Run folders never lose work: locking, overwrite rollback, no folder left by a refused command.</summary>
public class RunFolderCliTests
{
    /// <summary>A CSV of <paramref name="rows"/> 4-D points in two blobs.</summary>
    static string Points(string directory, int rows)
    {
        var text = new StringBuilder("a,b,c,d\n");
        for (int i = 0; i < rows; i++)
        {
            double centre = i % 2 == 0 ? 0 : 5;
            text.AppendLine(string.Join(",", Enumerable.Range(0, 4).Select(j => (centre + 0.01 * ((i * 7 + j * 3) % 11)).ToString(CultureInfo.InvariantCulture))));
        }
        var path = Path.Combine(directory, "points.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void A_command_refused_after_it_started_leaves_no_folder_so_the_corrected_one_runs()
    {
        using var dir = TestData.TempDir();
        var csv = Points(dir.Path, 300);
        var run = Path.Combine(dir.Path, "km");
        // 1000 clusters on 300 samples is only found out when the data is seen, after the folder was taken.
        var refused = CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "1000", "--epochs", "2", "--out", run);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--clusters: 1000 is not allowed", refused.Error);
        Assert.False(Directory.Exists(run), "the refused run must leave no folder");
        var corrected = CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "2", "--epochs", "2", "--out", run);
        Assert.Equal(0, corrected.ExitCode);
    }

    [Fact]
    public void A_failed_overwrite_leaves_the_old_run_as_it_was()
    {
        using var dir = TestData.TempDir();
        var csv = Points(dir.Path, 300);
        var run = Path.Combine(dir.Path, "km");
        Assert.Equal(0, CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "2", "--epochs", "2", "--out", run).ExitCode);
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");
        var before = Files(run);

        var failed = CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "1000", "--epochs", "2", "--out", run, "--overwrite");
        Assert.Equal(2, failed.ExitCode);
        AssertUnchanged(before, run);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, ".km.replaced")));
    }

    [Fact]
    public void A_successful_overwrite_replaces_the_run_and_keeps_the_users_files()
    {
        using var dir = TestData.TempDir();
        var csv = Points(dir.Path, 300);
        var run = Path.Combine(dir.Path, "km");
        Assert.Equal(0, CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "2", "--epochs", "1", "--out", run).ExitCode);
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");
        Assert.Equal(0, CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "3", "--epochs", "1", "--out", run, "--overwrite").ExitCode);
        Assert.Contains("\"clusters\": 3", File.ReadAllText(Path.Combine(run, RunConfig.FileName)));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(run, "notes.txt")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, ".km.replaced")));
    }

    [Fact]
    public void A_folder_another_process_is_writing_is_refused_and_stays_intact()
    {
        using var dir = TestData.TempDir();
        var csv = Points(dir.Path, 300);
        var run = Path.Combine(dir.Path, "km");
        Assert.Equal(0, CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "2", "--epochs", "1", "--out", run).ExitCode);
        var before = File.ReadAllBytes(Path.Combine(run, Trainer.ModelFileName));
        using (RunFolder.Open(run, RunFolderMode.Resume))   // what a live training holds
        {
            foreach (var args in new[] { new[] { "--overwrite" }, new[] { "--resume" } })
            {
                var refused = CliRunner.Run(["train", "kmeans", "--data", csv, "--clusters", "2", "--epochs", "3", "--out", run, .. args]);
                Assert.Equal(2, refused.ExitCode);
                Assert.Contains("being written by another latent process", refused.Error);
            }
        }
        Assert.True(before.SequenceEqual(File.ReadAllBytes(Path.Combine(run, Trainer.ModelFileName))));
        Assert.Equal(0, CliRunner.Run("train", "--resume", "--epochs", "2", "--out", run).ExitCode);   // the lock went with its holder
    }

    [Fact]
    public void A_folder_of_unrelated_files_is_described_as_such_and_never_overwritten()
    {
        using var dir = TestData.TempDir();
        var csv = Points(dir.Path, 300);
        var folder = Path.Combine(dir.Path, "photos");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "cat.jpg"), "not a run");
        foreach (var extra in new[] { Array.Empty<string>(), ["--overwrite"] })
        {
            var refused = CliRunner.Run(["train", "kmeans", "--data", csv, "--clusters", "2", "--out", folder, .. extra]);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("not a LatentSharp run", refused.Error);
            Assert.Contains("cat.jpg", refused.Error);
            Assert.DoesNotContain("already holds a run", refused.Error);
        }
        Assert.Equal(["cat.jpg"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Where(n => n != RunFolder.LockFileName));
    }

    /// <summary>Every file of <paramref name="folder"/>, by name, with its bytes.</summary>
    static Dictionary<string, byte[]> Files(string folder) => Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllBytes);

    static void AssertUnchanged(Dictionary<string, byte[]> before, string folder)
    {
        var after = Files(folder);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before) Assert.True(bytes.SequenceEqual(after[name]), $"{name} changed");
    }

    [Fact]
    public void Evaluate_and_report_wait_for_no_one_they_refuse_a_folder_being_trained_and_change_nothing()
    {
        using var dir = TestData.TempDir();
        var csv = Points(dir.Path, 300);
        var run = Path.Combine(dir.Path, "km");
        Assert.Equal(0, CliRunner.Run("train", "kmeans", "--data", csv, "--clusters", "2", "--epochs", "1", "--out", run).ExitCode);
        var before = Files(run);
        using (RunFolder.Open(run, RunFolderMode.Resume))   // what a live training holds
        {
            foreach (var command in new[] { new[] { "evaluate", run }, ["report", run] })
            {
                var refused = CliRunner.Run(command);
                Assert.Equal(2, refused.ExitCode);
                Assert.Contains("being written by another latent process; wait for it to finish.", refused.Error);
            }
        }
        AssertUnchanged(before, run);
        // Once the holder is gone both go through, and an update holds the folder against a training meanwhile.
        Assert.Equal(0, CliRunner.Run("evaluate", run).ExitCode);
        Assert.Equal(0, CliRunner.Run("report", run).ExitCode);
        using (RunFolder.Open(run, RunFolderMode.Update))
        {
            var training = CliRunner.Run("train", "--resume", "--epochs", "2", "--out", run);
            Assert.Equal(2, training.ExitCode);
            Assert.Contains("being written by another latent process; wait for it to finish or choose another --out.", training.Error);
        }
    }
}
