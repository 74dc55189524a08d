namespace LatentSharp.Zoo;

/// <summary>
/// How much one family gets in a zoo run: epochs, the training subset (the first N samples), the test
/// subset it is evaluated on, and the estimators' sample counts. A family that cannot train on the zoo's
/// data gets a <see cref="SkipReason"/> instead and is listed on the page as skipped.
/// </summary>
/// <param name="Epochs">Passes over the training subset.</param>
/// <param name="TrainingSamples">The first N training samples (or all, if fewer).</param>
/// <param name="TestSamples">The first N test samples, evaluated by every estimator.</param>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="ImportanceSamples">k of the IWAE bound for density models with an importance-weighted bound.</param>
/// <param name="GeneratedSamples">Samples drawn for the sample-quality estimators (mmd, frechet, classes).</param>
/// <param name="Data">Data of this family when not the zoo's (e.g. an image-patch source); null uses the zoo's.</param>
/// <param name="SkipReason">Why the family is not trained (needs a pretrained run, special data); null trains it.</param>
public sealed record ZooFamilyBudget(int Epochs, int TrainingSamples, int TestSamples, int BatchSize = 128, int ImportanceSamples = 100,
    int GeneratedSamples = 1000, string? Data = null, string? SkipReason = null)
{
    /// <summary>Checks the numbers; names the bad field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(TrainingSamples, 1, nameof(TrainingSamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(TestSamples, 1, nameof(TestSamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ImportanceSamples, 1, nameof(ImportanceSamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(GeneratedSamples, 20, nameof(GeneratedSamples));
    }
}
