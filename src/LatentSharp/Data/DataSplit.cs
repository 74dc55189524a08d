namespace LatentSharp.Data;

/// <summary>A training set and, when the source has one, its test set. Disposing disposes both.</summary>
/// <param name="Train">The training samples.</param>
/// <param name="Test">The held-out test samples, or null (e.g. a single CSV file).</param>
public sealed record DataSplit(Dataset Train, Dataset? Test) : IDisposable
{
    /// <summary>The notes of both sets (see <see cref="Dataset.Notes"/>), each once.</summary>
    public IReadOnlyList<string> Notes => Train.Notes.Concat(Test?.Notes ?? []).Distinct().ToList();

    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Test?.Dispose();
    }
}
