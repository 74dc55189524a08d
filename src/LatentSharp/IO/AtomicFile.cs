namespace LatentSharp.IO;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one: the bytes go
/// to a temporary file in the same directory, which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of temporary files; ignored by git (see .gitignore).</summary>
    public const string TemporarySuffix = ".latentsharp-tmp";

    /// <summary>Checks <paramref name="path"/> and returns it as a full path.</summary>
    public static string CheckPath(string path, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("The output path must be a non-empty file path.", parameterName);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new ArgumentException($"The output path '{path}' is a directory; give a file path such as '{Path.Combine(path, "grid.png")}'.", parameterName);
        return full;
    }

    /// <summary>Creates the parent directory if needed, writes via <paramref name="write"/> to a temporary file, then renames it onto <paramref name="fullPath"/>.</summary>
    public static void Write(string fullPath, Action<Stream> write)
    {
        fullPath = Path.GetFullPath(fullPath);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> atomically to <paramref name="fullPath"/>.</summary>
    public static void WriteAllBytes(string fullPath, byte[] bytes) => Write(fullPath, stream => stream.Write(bytes));

    /// <summary>Writes UTF-8 text atomically to <paramref name="path"/>.</summary>
    public static void WriteText(string path, string text) => WriteAllBytes(Path.GetFullPath(path), System.Text.Encoding.UTF8.GetBytes(text));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
