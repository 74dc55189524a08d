namespace LatentSharp.Data;

/// <summary>A training set and, when the source has one, its test set. Disposing disposes both.</summary>
/// <param name="Train">The training samples.</param>
/// <param name="Test">The held-out test samples, or null (e.g. a single CSV file).</param>
public sealed record DataSplit(Dataset Train, Dataset? Test) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Test?.Dispose();
    }
}
