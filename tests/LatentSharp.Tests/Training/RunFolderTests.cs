using LatentSharp.Training;

namespace LatentSharp.Tests.Training;

public class RunFolderTests
{
    static void FakeRun(string path, string marker)
    {
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, RunConfig.FileName), marker);
        File.WriteAllText(Path.Combine(path, Trainer.ModelFileName), marker);
        File.WriteAllText(Path.Combine(path, Trainer.CheckpointFileName), marker);
        File.WriteAllText(Path.Combine(path, "evaluation.json"), marker);
    }

    [Fact]
    public void A_second_holder_of_a_folder_is_refused_until_the_first_lets_go()
    {
        using var dir = TestData.TempDir();
        var run = Path.Combine(dir.Path, "r");
        using (RunFolder.Open(run, RunFolderMode.New))
            Assert.Throws<RunFolderException>(() => RunFolder.Open(run, RunFolderMode.Overwrite));
        using var again = RunFolder.Open(run, RunFolderMode.Overwrite);   // released on dispose
    }

    [Fact]
    public void An_abandoned_overwrite_puts_the_old_run_back_and_a_committed_one_discards_it()
    {
        using var dir = TestData.TempDir();
        var run = Path.Combine(dir.Path, "r");
        FakeRun(run, "old");
        using (var folder = RunFolder.Open(run, RunFolderMode.Overwrite))
        {
            Assert.True(folder.Replacing);
            Assert.False(File.Exists(Path.Combine(run, RunConfig.FileName)));   // moved aside while the new run starts
            Assert.False(File.Exists(Path.Combine(run, "evaluation.json")));    // the old run's results go with it
            File.WriteAllText(Path.Combine(run, RunConfig.FileName), "new");
            File.WriteAllText(Path.Combine(run, "loss.png"), "new");
            folder.Abandon();
        }
        Assert.Equal("old", File.ReadAllText(Path.Combine(run, RunConfig.FileName)));
        Assert.Equal("old", File.ReadAllText(Path.Combine(run, "evaluation.json")));
        Assert.False(File.Exists(Path.Combine(run, "loss.png")));

        using (var folder = RunFolder.Open(run, RunFolderMode.Overwrite))
        {
            File.WriteAllText(Path.Combine(run, RunConfig.FileName), "new");
            folder.Commit();
            folder.Abandon();   // after the first checkpoint there is nothing to undo
        }
        Assert.Equal("new", File.ReadAllText(Path.Combine(run, RunConfig.FileName)));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, ".r.replaced")));
    }

    [Fact]
    public void A_replacement_killed_before_its_first_checkpoint_is_undone_by_the_next_open()
    {
        using var dir = TestData.TempDir();
        var run = Path.Combine(dir.Path, "r");
        FakeRun(run, "old");
        var killed = RunFolder.Open(run, RunFolderMode.Overwrite);
        File.WriteAllText(Path.Combine(run, RunConfig.FileName), "new, no checkpoint yet");
        killed.Dispose();   // the process dies: no Abandon, no Commit
        using (RunFolder.Open(run, RunFolderMode.Resume)) { }
        Assert.Equal("old", File.ReadAllText(Path.Combine(run, Trainer.CheckpointFileName)));
        Assert.Equal("old", File.ReadAllText(Path.Combine(run, RunConfig.FileName)));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, ".r.replaced")));
    }

    [Fact]
    public void A_new_run_abandoned_removes_the_folder_it_created_but_not_one_that_was_there()
    {
        using var dir = TestData.TempDir();
        var created = Path.Combine(dir.Path, "new");
        using (var folder = RunFolder.Open(created, RunFolderMode.New))
        {
            File.WriteAllText(Path.Combine(created, RunConfig.FileName), "x");
            folder.Abandon();
        }
        Assert.False(Directory.Exists(created));
        var existing = Path.Combine(dir.Path, "existing");
        Directory.CreateDirectory(existing);
        using (var folder = RunFolder.Open(existing, RunFolderMode.New)) folder.Abandon();
        Assert.True(Directory.Exists(existing));
        Assert.Equal([RunFolder.LockFileName], Directory.GetFileSystemEntries(existing).Select(Path.GetFileName));
    }

    [Fact]
    public void Resume_needs_a_run_and_a_file_is_not_a_folder()
    {
        using var dir = TestData.TempDir();
        Assert.Contains("holds no run", Assert.Throws<RunFolderException>(() => RunFolder.Open(Path.Combine(dir.Path, "none"), RunFolderMode.Resume)).Message);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "none")));
        var file = Path.Combine(dir.Path, "f.txt");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Assert.Throws<RunFolderException>(() => RunFolder.Open(file, RunFolderMode.New)).Message);
    }
    [Fact]
    public void An_update_needs_a_run_and_never_deletes_anything_even_when_abandoned()
    {
        using var dir = TestData.TempDir();
        var empty = Path.Combine(dir.Path, "empty");
        Directory.CreateDirectory(empty);
        Assert.Contains("holds no run", Assert.Throws<RunFolderException>(() => RunFolder.Open(empty, RunFolderMode.Update)).Message);
        Assert.Contains("no such run folder", Assert.Throws<RunFolderException>(() => RunFolder.Open(Path.Combine(dir.Path, "missing"), RunFolderMode.Update)).Message);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "missing")));

        var run = Path.Combine(dir.Path, "run");
        FakeRun(run, "old");
        using (var folder = RunFolder.Open(run, RunFolderMode.Update))
        {
            File.WriteAllText(Path.Combine(run, "report.html"), "new page");
            folder.Abandon();
        }
        Assert.Equal("old", File.ReadAllText(Path.Combine(run, Trainer.ModelFileName)));
        Assert.Equal("new page", File.ReadAllText(Path.Combine(run, "report.html")));
    }
}
