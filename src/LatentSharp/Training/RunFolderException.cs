namespace LatentSharp.Training;

/// <summary>A run folder cannot be used as asked: another process is writing it, it holds other files, or it holds no run.</summary>
public sealed class RunFolderException(string message) : Exception(message);
