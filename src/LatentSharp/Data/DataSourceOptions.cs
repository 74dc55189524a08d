using System.ComponentModel;

namespace LatentSharp.Data;

/// <summary>Options for <see cref="DataSources.Resolve"/>.</summary>
public sealed record DataSourceOptions
{
    /// <summary>How CSV sources (and a CSV <see cref="TestPath"/>) are read.</summary>
    [Description("How CSV files are read.")]
    public CsvOptions Csv { get; init; } = new();

    /// <summary>
    /// A separate test file for a file source (CSV or IDX images, read like the training file).
    /// Null: a file source has no test split. Not allowed with named or directory sources, which
    /// bring their own test split.
    /// </summary>
    [Description("Test file for a file source; null for no test split.")]
    public string? TestPath { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A field is out of its allowed range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Csv, nameof(Csv));
        Csv.Validate();
        if (TestPath is not null && string.IsNullOrWhiteSpace(TestPath))
            throw new ArgumentException($"{nameof(TestPath)} must be a file path or null; got an empty string.", nameof(TestPath));
    }
}
