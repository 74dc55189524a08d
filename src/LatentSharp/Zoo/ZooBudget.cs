namespace LatentSharp.Zoo;

/// <summary>
/// A named zoo budget: what every family gets (<see cref="Default"/>) and the families that get
/// something else (slower models fewer samples; families that need special data a skip reason).
/// The budgets are data, in one table (<see cref="All"/>); <c>latent zoo --budget</c> picks one.
/// </summary>
/// <param name="Name">The budget's name, e.g. <c>small</c>.</param>
/// <param name="Summary">One line for help and the page.</param>
/// <param name="Default">A family's budget when <paramref name="Families"/> has no row for it (also any model registered later).</param>
/// <param name="Families">Per-family budgets by catalogue name.</param>
public sealed record ZooBudget(string Name, string Summary, ZooFamilyBudget Default, IReadOnlyDictionary<string, ZooFamilyBudget> Families)
{
    /// <summary>What a supervised head needs and the zoo does not give it.</summary>
    public const string NeedsPretrainedRun = "needs a pretrained run: 'latent finetune <run>' trains it on labels (not unsupervised)";

    /// <summary>The budget of <paramref name="family"/> (case-insensitive), else <see cref="Default"/>.</summary>
    public ZooFamilyBudget For(string family) =>
        Families.FirstOrDefault(kv => string.Equals(kv.Key, family, StringComparison.OrdinalIgnoreCase)).Value ?? Default;

    /// <summary>
    /// <c>small</c>: 3 epochs on the first 10,000 training images, evaluated on the first 2,000 test images
    /// (IWAE k = 100, 1,000 generated samples); convolutional and critic-heavy families 2 epochs on 5,000;
    /// the sparse-coding families (a lasso solve per batch) 2 epochs on 5,000. The whole zoo takes under 5 minutes
    /// on a quiet 2-core machine (2 min 38 s measured; bench/results/zoo.md), far longer under load.
    /// </summary>
    public static ZooBudget Small { get; } = new("small",
        "3 epochs on 10,000 training images, evaluated on 2,000 test images; slow families 2 epochs on 5,000",
        new ZooFamilyBudget(Epochs: 3, TrainingSamples: 10_000, TestSamples: 2_000),
        new Dictionary<string, ZooFamilyBudget>(StringComparer.OrdinalIgnoreCase)
        {
            ["classifier"] = new(1, 1, 1, SkipReason: NeedsPretrainedRun),
            ["conv-autoencoder"] = new(2, 5_000, 2_000),
            ["conv-vae"] = new(2, 5_000, 2_000, ImportanceSamples: 50),
            ["dcgan"] = new(2, 5_000, 2_000),
            ["wgan"] = new(2, 5_000, 2_000),
            ["stacked-autoencoder"] = new(2, 5_000, 2_000),
            ["dictionary-learning"] = new(2, 5_000, 2_000),
            ["psd"] = new(2, 5_000, 2_000),
        });

    /// <summary><c>tiny</c>: 1 epoch on 300 images, evaluated on 100 (IWAE k = 5, 100 generated samples): a smoke test, seconds a family.</summary>
    public static ZooBudget Tiny { get; } = new("tiny",
        "1 epoch on 300 training images, evaluated on 100 test images: a smoke test",
        new ZooFamilyBudget(Epochs: 1, TrainingSamples: 300, TestSamples: 100, BatchSize: 50, ImportanceSamples: 5, GeneratedSamples: 100),
        new Dictionary<string, ZooFamilyBudget>(StringComparer.OrdinalIgnoreCase)
        {
            ["classifier"] = new(1, 1, 1, SkipReason: NeedsPretrainedRun),
        });

    /// <summary>Every named budget.</summary>
    public static IReadOnlyList<ZooBudget> All { get; } = [Small, Tiny];

    /// <summary>The budget named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No budget has that name; the message lists them.</exception>
    public static ZooBudget Get(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown zoo budget '{name}'. Budgets: {string.Join(", ", All.Select(b => b.Name))}.", nameof(name));
}
