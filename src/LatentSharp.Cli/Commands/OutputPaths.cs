using LatentSharp.Cli.CommandLine;

namespace LatentSharp.Cli.Commands;

/// <summary>
/// Checks <c>--out</c> before any work, so a bad path gets one line naming the option and the
/// problem instead of a .NET message ("The file '…' already exists") after a long computation.
/// </summary>
internal static class OutputPaths
{
    /// <summary>
    /// <c>--out</c> as a file to write (encode, reconstruct, denoise, decompose): not a folder, in a
    /// folder that exists and can be written. <paramref name="example"/> is a file name for the message.
    /// </summary>
    public static string File(string path, string example)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException("--out: the path is empty.");
        if (Directory.Exists(path))
            throw new UsageException($"--out: {path} is a folder; give a file path such as {Path.Combine(path, example)}.");
        var parent = Path.GetDirectoryName(Path.GetFullPath(path))!;
        RefuseFileAncestor(parent);
        if (!Directory.Exists(parent)) throw new UsageException($"--out: the folder {parent} does not exist; create it first or choose another path.");
        EnsureWritable(parent, path);
        return path;
    }

    /// <summary><c>--out</c> as a run folder (train, finetune): not a file, under no file, in a place that can be written. Missing folders are created later.</summary>
    public static string Folder(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException("--out: the path is empty.");
        if (System.IO.File.Exists(path))
            throw new UsageException($"--out: {path} is a file; a run is written to a folder, so give a folder path.");
        var full = Path.GetFullPath(path);
        RefuseFileAncestor(full);
        var existing = full;
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing)!;
        EnsureWritable(existing, path);
        return path;
    }

    /// <summary>Refuses a path below something that is a file, e.g. <c>notes.txt/run</c>.</summary>
    static void RefuseFileAncestor(string folder)
    {
        for (var at = folder; !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (Directory.Exists(at)) return;
            if (System.IO.File.Exists(at)) throw new UsageException($"--out: {at} is a file, not a folder.");
        }
    }

    /// <summary>Creates and deletes a probe file in <paramref name="folder"/>: the only sure test of write access.</summary>
    static void EnsureWritable(string folder, string path)
    {
        var probe = Path.Combine(folder, $".latent-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot write {path}: {folder} is not writable ({e.Message.TrimEnd('.')}).");
        }
    }
}
