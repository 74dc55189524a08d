namespace LatentSharp.Training;

/// <summary>How a training command means to use its run folder.</summary>
public enum RunFolderMode
{
    /// <summary>A new run: the folder must be missing or empty.</summary>
    New,
    /// <summary>A new run that replaces the run in the folder (only a run: other files are never deleted).</summary>
    Overwrite,
    /// <summary>Continue the run in the folder.</summary>
    Resume,
    /// <summary>
    /// Add to a run's files without training it (evaluation results, the report): the folder must hold a
    /// run, and nothing in it is ever deleted. Held so that no training rewrites the run meanwhile.
    /// </summary>
    Update,
}

/// <summary>
/// A run folder held by this process for training (or for adding evaluation results and the report to a
/// finished run, <see cref="RunFolderMode.Update"/>), so that no work is lost:
/// <list type="bullet">
/// <item>One process writes a folder at a time: a lock file (<see cref="LockFileName"/>) is held open
/// with an exclusive lock for as long as this object lives; the OS releases it if the process dies, so a
/// killed run leaves no stale lock.</item>
/// <item><see cref="RunFolderMode.Overwrite"/> moves the old run's files (<see cref="RunManifest.Files"/>;
/// a user's own files stay where they are) into a hidden sibling folder and puts them back if the new
/// run fails or is interrupted before its first checkpoint (<see cref="Abandon"/>); once the new run has
/// one (<see cref="Commit"/>), the old files are deleted. A process killed in between leaves the
/// sibling, which the next <see cref="Open"/> of the folder sorts out.</item>
/// <item>A new run that fails before its first checkpoint (a refused option, unsuitable data) leaves
/// no folder behind, so the corrected command is not refused with "already holds a run".</item>
/// </list>
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>Name of the lock file inside a run folder.</summary>
    public const string LockFileName = ".latent.lock";

    readonly RunFolderMode _mode;
    readonly bool _created;
    readonly HashSet<string> _kept;
    FileStream? _lock;
    string? _replaced;
    bool _committed, _abandoned;

    RunFolder(string path, RunFolderMode mode, bool created, FileStream lockStream, string? replaced)
    {
        // What is in the folder now, besides the old run's files, is not this run's to delete.
        _kept = Entries(path).ToHashSet();
        Path = path;
        _mode = mode;
        _created = created;
        _lock = lockStream;
        _replaced = replaced;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>This run replaces a run that was in the folder (until <see cref="Commit"/> or <see cref="Abandon"/>).</summary>
    public bool Replacing => _replaced is not null;

    /// <summary>The run has written its first checkpoint (or was abandoned): the folder's fate is settled.</summary>
    public bool Committed => _committed;

    /// <summary>
    /// The folder keeps a run if training fails now: this run has written a checkpoint (<see cref="Commit"/>),
    /// or it is a resume (the earlier checkpoint stays). False for a new run before its first checkpoint, whose
    /// files <see cref="Abandon"/> removes, and after <see cref="Abandon"/>.
    /// </summary>
    public bool KeepsRun => !_abandoned && (_committed || _mode is RunFolderMode.Resume or RunFolderMode.Update);

    /// <summary>Whether <paramref name="path"/> holds a LatentSharp run (its config.json).</summary>
    public static bool HoldsRun(string path) => File.Exists(System.IO.Path.Combine(path, RunConfig.FileName));

    /// <summary>Takes <paramref name="path"/> for training in <paramref name="mode"/>.</summary>
    /// <exception cref="RunFolderException">Another process holds it; it holds files that are not a run; a resume finds no run; a new run finds one (without overwrite).</exception>
    public static RunFolder Open(string path, RunFolderMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        if (File.Exists(path)) throw new RunFolderException($"{path} is a file; a run needs a folder (--out <folder>).");
        bool existed = Directory.Exists(path);
        if (mode == RunFolderMode.Update && !existed) throw new RunFolderException($"{path}: no such run folder.");
        Directory.CreateDirectory(path);
        var lockStream = Lock(path, mode);
        try
        {
            RecoverInterruptedReplacement(path);
            var others = Entries(path).ToList();
            bool holdsRun = HoldsRun(path);
            switch (mode)
            {
                case RunFolderMode.Resume:
                    if (!holdsRun) throw new RunFolderException($"--resume: {path} holds no run (no {RunConfig.FileName}).");
                    return new RunFolder(path, mode, created: false, lockStream, replaced: null);
                case RunFolderMode.Update:
                    if (!holdsRun) throw new RunFolderException($"{path} holds no run (no {RunConfig.FileName}).");
                    return new RunFolder(path, mode, created: false, lockStream, replaced: null);
                case RunFolderMode.New when others.Count == 0:
                case RunFolderMode.Overwrite when others.Count == 0:
                    return new RunFolder(path, mode, created: !existed, lockStream, replaced: null);
                case RunFolderMode.New when holdsRun:
                    throw new RunFolderException($"{path} already holds a run. Use --resume to continue it, --overwrite to replace it, or --out for another folder.");
                case RunFolderMode.Overwrite when holdsRun:
                    return Replace(path, lockStream);
                default:
                    throw new RunFolderException($"{path} holds {others.Count} file(s) that are not a LatentSharp run " +
                        $"(e.g. {System.IO.Path.GetFileName(others[0])}); a run needs an empty folder, and --overwrite only replaces runs. Choose another --out.");
            }
        }
        catch
        {
            lockStream.Dispose();
            if (!existed) TryDeleteEmpty(path);
            throw;
        }
    }

    /// <summary>The new run has written its first checkpoint: the run it replaces is deleted.</summary>
    public void Commit()
    {
        if (_committed) return;
        _committed = true;
        if (_replaced is not null && Directory.Exists(_replaced)) Directory.Delete(_replaced, recursive: true);
        _replaced = null;
    }

    /// <summary>
    /// The new run failed or was interrupted before its first checkpoint: its files are removed, a
    /// replaced run is put back and a folder this object created is deleted. Does nothing after
    /// <see cref="Commit"/>, on a resume (a resumed run keeps its last good checkpoint) or an update.
    /// </summary>
    public void Abandon()
    {
        if (_committed || _mode is RunFolderMode.Resume or RunFolderMode.Update) return;
        _committed = _abandoned = true;
        foreach (var entry in Entries(Path).Where(e => !_kept.Contains(e))) Delete(entry);
        if (_replaced is not null)
        {
            MoveBack(_replaced, Path);
            _replaced = null;
        }
        if (_created)
        {
            _lock?.Dispose();
            _lock = null;
            File.Delete(System.IO.Path.Combine(Path, LockFileName));
            if (!Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    static RunFolder Replace(string path, FileStream lockStream)
    {
        var aside = ReplacedPath(path);
        Directory.CreateDirectory(aside);
        foreach (var file in RunManifest.Files(path)) File.Move(file, System.IO.Path.Combine(aside, System.IO.Path.GetFileName(file)));
        return new RunFolder(path, RunFolderMode.Overwrite, created: false, lockStream, aside);
    }

    /// <summary>A replacement whose process died: keep the new run if it reached a checkpoint, else put the old one back.</summary>
    static void RecoverInterruptedReplacement(string path)
    {
        var aside = ReplacedPath(path);
        if (!Directory.Exists(aside)) return;
        if (!File.Exists(Trainer.CheckpointPath(path)))
        {
            foreach (var file in RunManifest.Files(path)) File.Delete(file);
            MoveBack(aside, path);
        }
        else Directory.Delete(aside, recursive: true);
    }

    static void MoveBack(string aside, string path)
    {
        foreach (var file in Directory.EnumerateFiles(aside)) File.Move(file, System.IO.Path.Combine(path, System.IO.Path.GetFileName(file)), overwrite: true);
        Directory.Delete(aside, recursive: true);
    }

    static IEnumerable<string> Entries(string path) =>
        Directory.EnumerateFileSystemEntries(path).Where(e => System.IO.Path.GetFileName(e) != LockFileName);

    static void Delete(string entry)
    {
        if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
        else File.Delete(entry);
    }

    static string ReplacedPath(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.replaced");

    static FileStream Lock(string path, RunFolderMode mode)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix, a sharing lock on Windows.
            return new FileStream(System.IO.Path.Combine(path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new RunFolderException($"{path} is being written by another latent process; wait for it to finish" +
                (mode == RunFolderMode.Update ? "." : " or choose another --out."));
        }
    }

    static void TryDeleteEmpty(string path)
    {
        try
        {
            File.Delete(System.IO.Path.Combine(path, LockFileName));
            if (!Directory.EnumerateFileSystemEntries(path).Any()) Directory.Delete(path);
        }
        catch (IOException) { }
    }
}
