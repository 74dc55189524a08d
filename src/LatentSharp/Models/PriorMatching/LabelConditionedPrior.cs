using LatentSharp.Layers.Priors;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.PriorMatching;

/// <summary>
/// The adversarial autoencoder's semi-supervised regularisation (Makhzani et al. 2015, §2.3, fig. 6):
/// class k of K is matched to component k of a K-component mixture prior. The discriminator sees a code
/// with a one-hot of K + 1 slots — the sample's class, or slot K for an unlabelled sample — and its
/// positives are drawn to match: from the class's own component for a labelled sample, from the whole
/// mixture for an unlabelled one.
/// </summary>
/// <remarks>
/// A sample is unlabelled when its label is negative, or when a fixed hash of its values, u(x) in [0, 1),
/// is at least the labelled fraction: u(x) = frac(1000·Σ_i x_i·w_i) with w drawn once from
/// <c>Generator(HashSeed)</c>, in float64. It depends on the sample alone, so the same samples stay
/// labelled in every epoch, whatever the batch order — a partially labelled dataset without indices.
/// </remarks>
internal sealed class LabelConditionedPrior
{
    const ulong HashSeed = 20151118;   // the AAE paper's arXiv date; any fixed value would do

    readonly GaussianMixturePrior _mixture;
    readonly double _labelledFraction;
    readonly Tensor _hashWeights;   // [D] float64

    public LabelConditionedPrior(GaussianMixturePrior mixture, long inputSize, double labelledFraction)
    {
        _mixture = mixture;
        _labelledFraction = labelledFraction;
        using var random = new Generator(HashSeed);
        _hashWeights = rand([inputSize], dtype: ScalarType.Float64, generator: random);
    }

    /// <summary>K + 1: the classes and the unlabelled slot.</summary>
    public int ConditionSize => _mixture.Components + 1;

    /// <summary>Which samples count as labelled, <c>[B]</c> bool, for flattened samples <paramref name="flat"/> and <paramref name="labels"/>.</summary>
    public Tensor Labelled(Tensor flat, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var known = labels.ge(0);
        if (_labelledFraction >= 1) return known.MoveToOuterDisposeScope();
        var hash = flat.to(ScalarType.Float64).mul(_hashWeights.to(flat.device)).sum(1).mul(1000).frac().abs();
        return known.logical_and(hash.lt(_labelledFraction)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The one-hot condition <c>[B, K + 1]</c> of each sample and as many prior codes <c>[B, D]</c> drawn to
    /// match: component y for a labelled sample of class y, a random component for an unlabelled one.
    /// </summary>
    public (Tensor Condition, Tensor PriorCodes) Draw(Tensor flat, Tensor labels, Generator generator, Device device)
    {
        using var scope = NewDisposeScope();
        long count = flat.shape[0];
        var labelled = Labelled(flat, labels).to(device);
        int classes = _mixture.Components;
        var slot = where(labelled, labels.to(device), full([count], classes, ScalarType.Int64, device: device));
        var drawOn = generator.device;
        var randomComponent = randint(classes, [count], generator: generator, device: drawOn).to(device);
        var noise = randn([count, _mixture.Dimensions], generator: generator, device: drawOn).to(device);
        var component = where(labelled, labels.to(device), randomComponent);
        var codes = _mixture.Means(device).index_select(0, component) + noise * _mixture.Std;
        var condition = nn.functional.one_hot(slot, classes + 1).to(ScalarType.Float32);
        return (condition.MoveToOuterDisposeScope(), codes.MoveToOuterDisposeScope());
    }
}
