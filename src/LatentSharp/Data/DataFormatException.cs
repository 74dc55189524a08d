namespace LatentSharp.Data;

/// <summary>
/// A data file could not be read because its content is malformed: a bad IDX header, a truncated
/// or over-long file, a non-number or NaN in a CSV file, ragged rows, and so on. The message names
/// the file and, for text files, the 1-based line, e.g.
/// <c>data.csv line 17: 'abc' in column 3 is not a number</c>.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception for a problem anywhere in <paramref name="file"/>.</summary>
    /// <param name="file">The file (or resource) name, as shown to the user.</param>
    /// <param name="problem">What is wrong, as a sentence fragment without the file name.</param>
    /// <param name="innerException">The low-level cause, if any.</param>
    public DataFormatException(string file, string problem, Exception? innerException = null)
        : base($"{file}: {problem}", innerException)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>Creates the exception for a problem on one line of a text file.</summary>
    /// <param name="file">The file name, as shown to the user.</param>
    /// <param name="line">The 1-based line number.</param>
    /// <param name="problem">What is wrong, as a sentence fragment without the file name.</param>
    public DataFormatException(string file, long line, string problem)
        : base($"{file} line {line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file (or resource) that is malformed.</summary>
    public string File { get; }

    /// <summary>The 1-based line of a text file where the problem is, or null.</summary>
    public long? Line { get; }

    /// <summary>The problem, without the file name and line.</summary>
    public string Problem { get; }
}
