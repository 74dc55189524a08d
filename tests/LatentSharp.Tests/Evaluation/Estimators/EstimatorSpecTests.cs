using LatentSharp.Evaluation;
using LatentSharp.Evaluation.Estimators;

namespace LatentSharp.Tests.Evaluation.Estimators;

public class EstimatorSpecTests
{
    [Fact]
    public void A_spec_names_the_estimator_and_sets_typed_options()
    {
        var knn = EstimatorCatalog.Create("KNN:k=3, metric=cosine");
        var settings = Assert.IsType<NearestNeighborsEstimator.Settings>(knn.Options);
        Assert.Equal(3, settings.K);
        Assert.Equal(DistanceMetric.Cosine, settings.Metric);
        Assert.Equal("knn:k=3,metric=cosine", knn.Spec);
        Assert.Equal("3", knn.OptionValues["k"]);

        var probe = Assert.IsType<ProbeEstimator.Settings>(EstimatorCatalog.Create("probe:l2=0.5,learning-rate=1e-3,standardize=false").Options);
        Assert.Equal((0.5, 1e-3, false), (probe.L2, probe.LearningRate, probe.Standardize));
    }

    [Fact]
    public void Specs_that_mean_the_same_have_the_same_canonical_text()
    {
        Assert.Equal("knn", EstimatorCatalog.Create("knn").Spec);
        Assert.Equal("knn", EstimatorCatalog.Create("knn:k=5,metric=euclidean").Spec);
        Assert.Equal("knn:metric=cosine", EstimatorCatalog.Create("knn:metric=cosine,k=5").Spec);
    }

    [Fact]
    public void A_noise_value_keeps_its_colons_and_pluses()
    {
        var denoising = EstimatorCatalog.Create("denoising:noise=masking:0.5+gaussian:0.1");
        Assert.Equal("masking:0.5+gaussian:0.1", Assert.IsType<DenoisingEstimator.Settings>(denoising.Options).Noise);
        Assert.Equal("denoising:noise=masking:0.5+gaussian:0.1", denoising.Spec);
    }

    [Fact]
    public void An_unknown_estimator_is_refused_with_the_valid_names()
    {
        var e = Assert.Throws<EstimatorException>(() => EstimatorCatalog.Create("iwea:k=10"));
        Assert.Contains("'iwea'", e.Message);
        foreach (var name in new[] { "loss", "reconstruction", "probe", "knn", "denoising" })
            Assert.Contains(name, e.Message);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_the_estimators_valid_keys()
    {
        var e = Assert.Throws<EstimatorException>(() => EstimatorCatalog.Create("knn:neighbours=3"));
        Assert.Contains("'neighbours'", e.Message);
        Assert.Contains("Valid options: k, metric", e.Message);
        Assert.Contains("takes no options", Assert.Throws<EstimatorException>(() => EstimatorCatalog.Create("loss:k=1")).Message);
    }

    [Theory]
    [InlineData("knn:k=three", "'knn': k='three' is not a valid integer")]
    [InlineData("knn:k=0", "k=0 is not allowed; it must be in [1, 10000]")]
    [InlineData("knn:metric=manhattan", "is not one of euclidean|cosine")]
    [InlineData("probe:l2=NaN", "not a finite number")]
    [InlineData("probe:standardize=maybe", "true or false")]
    [InlineData("denoising:noise=fog:0.3", "Unknown noise kind 'fog'")]
    [InlineData("knn:k", "is not key=value")]
    [InlineData("knn:k=1,k=2", "'k' is given twice")]
    [InlineData(":k=1", "has no estimator name")]
    [InlineData(" ", "is empty")]
    public void A_bad_spec_is_refused_with_what_is_wrong(string spec, string expected) =>
        Assert.Contains(expected, Assert.Throws<EstimatorException>(() => EstimatorCatalog.Create(spec)).Message);

    [Fact]
    public void Every_catalogue_entry_builds_from_its_defaults_and_declares_capabilities()
    {
        foreach (var descriptor in EstimatorCatalog.All)
        {
            var estimator = EstimatorCatalog.Create(descriptor.Name);
            Assert.Equal(descriptor.Name, estimator.Spec);
            Assert.NotEmpty(descriptor.Requires);
            Assert.All(descriptor.Requires, capability => Assert.Contains(capability, Capabilities.All));
        }
        Assert.Equal(EstimatorCatalog.All.Count, EstimatorCatalog.Names.Distinct().Count());
    }
}
