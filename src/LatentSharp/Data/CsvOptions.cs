using System.ComponentModel;

namespace LatentSharp.Data;

/// <summary>How <see cref="CsvReader"/> reads a numeric CSV file.</summary>
public sealed record CsvOptions
{
    /// <summary>
    /// Whether the first line names the columns. Null (the default) detects it: the first line is a
    /// header when one of its fields is not a number.
    /// </summary>
    [Description("Whether the first line is a header; null detects it (a non-number field means header).")]
    public bool? HasHeader { get; init; }

    /// <summary>
    /// The column holding integer class labels (≥ 0): a header name, a 1-based column number as text
    /// (<c>"1"</c> is the first column), <c>"first"</c> or <c>"last"</c>; <c>"none"</c>: no labels,
    /// every column is a feature. Null (the default): the one header column named <c>label</c> (any
    /// case) if there is one, with a note saying so (<see cref="Dataset.Notes"/>); else no labels.
    /// </summary>
    [Description("Label column: header name, 1-based number, 'first', 'last' or 'none'; null detects a column named 'label'.")]
    public string? LabelColumn { get; init; }

    /// <summary>The field separator; ',' by default. Must not be a character that can occur in a number.</summary>
    [Description("Field separator.")]
    public char Separator { get; init; } = ',';

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A field is out of its allowed range; the message names it.</exception>
    public void Validate()
    {
        if (char.IsAsciiDigit(Separator) || "+-.eE\"\r\n".Contains(Separator))
            throw new ArgumentException($"{nameof(Separator)} '{Separator}' can occur inside a number or line break; use ',', ';', '\\t', '|' or ' '.", nameof(Separator));
        if (LabelColumn is not null && string.IsNullOrWhiteSpace(LabelColumn))
            throw new ArgumentException($"{nameof(LabelColumn)} must be a column name, a 1-based column number, 'first', 'last' or null; got an empty string.", nameof(LabelColumn));
    }
}
