using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>
/// Every named estimator, in one table. Adding an estimator is one file (the estimator and its
/// options record) and one row here; <c>latent evaluate --estimator</c>, spec parsing, the support
/// check and evaluation.json then serve it with no other edit.
/// </summary>
/// <remarks>
/// Adding an estimator: (1) a class implementing <see cref="IEstimator"/> with a nested options record
/// (a <see cref="ModelOptions"/> whose <c>[Description]</c> properties become the spec keys, ranges in
/// <c>[Range]</c>, cross-field checks in <c>ValidateRelations</c>; an empty record when it takes none);
/// (2) a row here naming it, its kind (null when each figure has its own), the capability interfaces it
/// needs and whether it fits on the training split; (3) figures as <see cref="MetricValue"/>s keyed
/// <c>name.figure</c>, a standard error for estimates, densities through <see cref="DensityUnits.Figures"/>;
/// randomness only from <see cref="EstimationContext.Generator"/>; (4) a test on planted data with a known answer.
/// </remarks>
public static class EstimatorCatalog
{
    /// <summary>Every registered estimator.</summary>
    public static IReadOnlyList<EstimatorDescriptor> All { get; } =
    [
        Row<LossEstimator.Settings>("loss", "The model's own evaluation figures (loss and its parts), each with the kind the model declares",
            null, [typeof(ITrainable)], _ => new LossEstimator()),
        Row<ReconstructionEstimator.Settings>("reconstruction", "Per-sample squared error of the reconstructions and, for data in [0, 1], binary cross-entropy",
            MetricKind.Proxy, [typeof(IReconstructor)], _ => new ReconstructionEstimator()),
        Row<ProbeEstimator.Settings>("probe", "Test accuracy of a linear probe (L2 softmax regression) fitted on the training split's codes",
            MetricKind.Exact, [typeof(IEncoder)], o => new ProbeEstimator(o)) with { FitsOnTrainingSplit = true },
        Row<NearestNeighborsEstimator.Settings>("knn", "Test accuracy of k-nearest-neighbour classification of codes among the training split's codes",
            MetricKind.Exact, [typeof(IEncoder)], o => new NearestNeighborsEstimator(o)) with { FitsOnTrainingSplit = true },
        Row<DenoisingEstimator.Settings>("denoising", "Mean PSNR of seeded noisy images and of their reconstructions against the clean images, with standard errors",
            MetricKind.Estimate, [typeof(IReconstructor)], o => new DenoisingEstimator(o)),
        Row<ImportanceWeightedEstimator.Settings>("iwae", "Importance-weighted lower bound IWAE-k on log p(x) (Burda et al. 2016), nats and bits/dim, with the standard error over samples",
            MetricKind.Bound, [typeof(IImportanceWeighted)], o => new ImportanceWeightedEstimator(o)),
        Row<MmdEstimator.Settings>("mmd", "MMD² (unbiased, RBF or IMQ kernel as stated) between the model's samples and the split's, with a standard error over blocks",
            MetricKind.Estimate, [typeof(IGenerator)], o => new MmdEstimator(o)),
        Row<WassersteinEstimator.Settings>("w1", "Wasserstein-1 distance between the model's samples and the data, by a weight-clipped critic calibrated by its measured slope",
            null, [typeof(IGenerator)], o => new WassersteinEstimator(o)),
        Row<ParzenEstimator.Settings>("parzen", "Parzen-window (Gaussian) log-likelihood of the split under the model's samples, sigma chosen on held-out training samples; nats and bits/dim. Weak in high dimensions: can rank models wrongly (Theis et al. 2016)",
            null, [typeof(IGenerator)], o => new ParzenEstimator(o)) with { FitsOnTrainingSplit = true },
        Row<FrechetEstimator.Settings>("frechet", "Frechet distance between Gaussians fitted to the embedded Fashion-MNIST classifier's features of model samples and of the split (28x28 images in [0, 1])",
            MetricKind.Estimate, [typeof(IGenerator)], o => new FrechetEstimator(o)),
        Row<ClassesEstimator.Settings>("classes", "Classes the embedded Fashion-MNIST classifier finds among the model's samples, and the entropy of that histogram (mode collapse; 28x28 images)",
            null, [typeof(IGenerator)], o => new ClassesEstimator(o)),
    ];

    static EstimatorDescriptor Row<TOptions>(string name, string summary, MetricKind? kind, Type[] requires, Func<TOptions, IEstimator> create)
        where TOptions : ModelOptions, new() =>
        new(name, summary, kind, requires, typeof(TOptions), () => new TOptions(), options => create((TOptions)options));

    /// <summary>The names, in catalogue order.</summary>
    public static IReadOnlyList<string> Names => All.Select(d => d.Name).ToList();

    /// <summary>Finds an estimator by name (case-insensitive).</summary>
    /// <exception cref="EstimatorException">No estimator has that name; the message lists the valid ones.</exception>
    public static EstimatorDescriptor Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new EstimatorException($"Unknown estimator '{name}'. Estimators: {string.Join(", ", Names)}.");

    /// <summary>Parses <paramref name="spec"/> (<c>name[:key=value,...]</c>) into a configured estimator.</summary>
    /// <exception cref="EstimatorException">Bad grammar, an unknown name (valid names listed), an unknown key (that estimator's keys listed) or a bad value.</exception>
    public static Estimator Create(string spec) => Create(EstimatorSpec.Parse(spec));

    /// <summary>Binds a parsed spec to its catalogue entry.</summary>
    /// <exception cref="EstimatorException">An unknown name or key, or a bad value.</exception>
    public static Estimator Create(EstimatorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var descriptor = Get(spec.Name);
        return new Estimator(descriptor, EstimatorOptionBinder.Bind(descriptor, spec));
    }

    /// <summary>The estimators that <paramref name="model"/> supports, by capability.</summary>
    public static IReadOnlyList<EstimatorDescriptor> SupportedBy(IModel model) => All.Where(d => d.Refusal(model) is null).ToList();
}
