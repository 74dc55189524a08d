namespace LatentSharp.Data;

/// <summary>
/// A data source could not be found: an unknown dataset name (the message lists the known ones),
/// a missing file, or a dataset that is not installed (the message says where it looked and how
/// to install it). Malformed files raise <see cref="DataFormatException"/> instead.
/// </summary>
public sealed class DataSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was asked for, what is wrong, and what to do about it.</param>
    public DataSourceException(string message) : base(message) { }
}
