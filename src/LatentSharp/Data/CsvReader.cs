using System.Globalization;
using static TorchSharp.torch;

namespace LatentSharp.Data;

/// <summary>
/// Reads a numeric CSV file (one sample per line, one feature per column, invariant culture) as a
/// dataset with features <c>[N, D]</c> and, if a label column is chosen, int64 labels <c>[N]</c>.
/// </summary>
/// <remarks>
/// Blank lines are skipped; fields are trimmed, and a field wrapped in double quotes is unwrapped
/// (quoted separators are not supported). With a space separator, runs of spaces count as one.
/// Anything else that is not a finite float32 — a non-number, NaN, ±Infinity, an empty field, a
/// row with the wrong number of fields, a label that is not an integer ≥ 0 — is refused with a
/// <see cref="DataFormatException"/> naming the 1-based line and column.
/// </remarks>
public static class CsvReader
{
    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Header, label column and separator; defaults if null.</param>
    /// <param name="name">The dataset's name; defaults to the file name without extension.</param>
    /// <returns>Features float32 <c>[N, D]</c>; labels int64 <c>[N]</c> or null.</returns>
    /// <exception cref="DataFormatException">The file is empty or malformed; the message names the line and column.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset Read(string path, CsvOptions? options = null, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, options, name);
    }

    /// <summary>Reads CSV text from a reader.</summary>
    /// <param name="reader">The text; read to its end, not disposed.</param>
    /// <param name="fileName">The name shown in error messages.</param>
    /// <param name="options">Header, label column and separator; defaults if null.</param>
    /// <param name="name">The dataset's name; defaults to <paramref name="fileName"/> without extension.</param>
    /// <inheritdoc cref="Read(string, CsvOptions?, string?)"/>
    public static Dataset Read(TextReader reader, string fileName, CsvOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        options ??= new CsvOptions();
        options.Validate();
        name ??= Path.GetFileNameWithoutExtension(fileName);

        string[]? header = null;
        var columnCount = 0;
        var labelColumn = -1;
        var features = new List<float>();
        var labels = new List<long>();
        var notes = new List<string>();
        long lineNumber = 0, firstLine = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var fields = Split(line, options.Separator);
            if (firstLine == 0)
            {
                firstLine = lineNumber;
                columnCount = fields.Length;
                if (options.HasHeader ?? fields.Any(field => !IsNumber(field)))
                {
                    header = fields;
                    labelColumn = FindLabelColumn(options.LabelColumn, header, columnCount, fileName, lineNumber);
                    if (options.LabelColumn is null && DetectLabelColumn(header) is { } detected)
                    {
                        labelColumn = detected;
                        notes.Add($"{fileName}: {Column(detected, header)} is read as the class labels, not as a feature " +
                                  "(name another label column with --label-column, or give --label-column none to keep it as a feature).");
                    }
                    continue;
                }
                labelColumn = FindLabelColumn(options.LabelColumn, null, columnCount, fileName, lineNumber);
            }
            if (fields.Length != columnCount)
                throw new DataFormatException(fileName, lineNumber, header is not null
                    ? $"{fields.Length} values, but the header has {columnCount} columns"
                    : $"{fields.Length} values, but line {firstLine} has {columnCount}");
            for (var column = 0; column < fields.Length; column++)
            {
                if (column == labelColumn)
                    labels.Add(ParseLabel(fields[column], Column(column, header), fileName, lineNumber));
                else
                    features.Add(ParseFeature(fields[column], Column(column, header), fileName, lineNumber));
            }
        }

        if (firstLine == 0)
            throw new DataFormatException(fileName, lineNumber == 0 ? "the file is empty" : "the file has only blank lines");
        var featureCount = columnCount - (labelColumn >= 0 ? 1 : 0);
        if (featureCount == 0)
            throw new DataFormatException(fileName, firstLine, "the only column is the label column; there are no features");
        var rowCount = features.Count / featureCount;
        if (rowCount == 0)
            throw new DataFormatException(fileName, firstLine, "the header is not followed by any data rows");

        var featureTensor = tensor(features.ToArray(), [rowCount, featureCount]);
        var labelTensor = labelColumn >= 0 ? tensor(labels.ToArray(), [rowCount]) : null;
        return new Dataset(name, featureTensor, labelTensor) { Notes = notes };
    }

    static string[] Split(string line, char separator)
    {
        var fields = line.Split(separator, separator == ' ' ? StringSplitOptions.RemoveEmptyEntries : StringSplitOptions.None);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i].Trim();
            if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
                field = field[1..^1].Trim();
            fields[i] = field;
        }
        return fields;
    }

    static bool IsNumber(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The one header column named "label" (any case), or null: a user who names no label column most likely means it.</summary>
    static int? DetectLabelColumn(string[] header)
    {
        var named = header.Select((name, index) => (name, index)).Where(column => column.name.Equals("label", StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count == 1 ? named[0].index : null;
    }

    /// <summary>The 0-based index of the label column, or -1 for none.</summary>
    static int FindLabelColumn(string? wanted, string[]? header, int columnCount, string file, long line)
    {
        if (wanted is null)
            return -1;
        wanted = wanted.Trim();
        if (wanted.Equals("none", StringComparison.OrdinalIgnoreCase) && (header is null || !header.Contains(wanted)))
            return -1;
        if (wanted.Equals("first", StringComparison.OrdinalIgnoreCase))
            return 0;
        if (wanted.Equals("last", StringComparison.OrdinalIgnoreCase))
            return columnCount - 1;
        if (header is not null)
        {
            var exact = Array.IndexOf(header, wanted);
            if (exact >= 0)
                return exact;
            var loose = header.Select((name, index) => (name, index))
                .Where(column => column.name.Equals(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (loose.Count == 1)
                return loose[0].index;
        }
        if (int.TryParse(wanted, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            if (number < 1 || number > columnCount)
                throw new DataFormatException(file, line, $"label column {number} does not exist; columns are numbered 1 to {columnCount} (or use 'first' / 'last')");
            return number - 1;
        }
        throw new DataFormatException(file, line, header is not null
            ? $"no column is named '{wanted}'; the header has {string.Join(", ", header.Select(name => $"'{name}'"))}"
            : $"label column '{wanted}' is not a number, 'first' or 'last', and the file has no header to look the name up in");
    }

    static string Column(int index, string[]? header) =>
        header is null || header[index].Length == 0 ? $"column {index + 1}" : $"column {index + 1} ('{header[index]}')";

    static float ParseFeature(string field, string column, string file, long line)
    {
        if (field.Length == 0)
            throw new DataFormatException(file, line, $"{column} is empty");
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new DataFormatException(file, line, $"'{field}' in {column} is not a number");
        if (double.IsNaN(value))
            throw new DataFormatException(file, line, $"NaN in {column}");
        if (double.IsInfinity(value))
            throw new DataFormatException(file, line, $"'{field}' in {column} is infinite");
        if (Math.Abs(value) > float.MaxValue)
            throw new DataFormatException(file, line, $"'{field}' in {column} is outside the float32 range");
        return (float)value;
    }

    static long ParseLabel(string field, string column, string file, long line)
    {
        if (field.Length == 0)
            throw new DataFormatException(file, line, $"the label in {column} is empty");
        if (long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label)
            || (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsInteger(value) && Math.Abs(value) < 1e15 && (label = (long)value) == value))
        {
            if (label < 0)
                throw new DataFormatException(file, line, $"label {field} in {column} is negative; labels must be integers ≥ 0");
            return label;
        }
        throw new DataFormatException(file, line, $"label '{field}' in {column} is not an integer; labels must be integers ≥ 0");
    }
}
