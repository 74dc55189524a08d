using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Models.Adversarial;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Models.Competitive;
using LatentSharp.Models.MomentMatching;
using LatentSharp.Models.PriorMatching;
using LatentSharp.Models.SparseCoding;
using LatentSharp.Models.Supervised;
using LatentSharp.Models.Variational;
using LatentSharp.Options;
using LatentSharp.Tests.Models;
using LatentSharp.Training;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Contracts;

/// <summary>
/// What the contract suite runs each catalogue entry on: tiny labelled images and small options.
/// Nothing here names a model: sizes are shrunk by options type (so presets keep what makes them
/// presets), and every model gets labels (a classifier needs them; the others ignore them).
/// </summary>
internal static class ContractSetup
{
    /// <summary>Samples [1, 8, 8] in [0, 1].</summary>
    public static readonly long[] SampleShape = [1, 8, 8];

    /// <summary>Trainer settings: 3 batches per epoch of <see cref="TrainingData"/>, 2 epochs.</summary>
    public static readonly TrainerOptions Trainer = new() { Epochs = 2, BatchSize = 32, Seed = 4 };

    /// <summary>A step in mid-epoch: epoch 2, after its second batch of three.</summary>
    public const long MidEpochStep = 4;

    /// <summary>Batches per epoch of <see cref="TrainingData"/> at the <see cref="Trainer"/>'s batch size.</summary>
    public const long StepsPerEpoch = 3;

    // Smaller sizes by options type, applied to the entry's own defaults; a type not listed trains with its defaults.
    static readonly Dictionary<Type, Func<ModelOptions, ModelOptions>> Shrink = new()
    {
        [typeof(AutoencoderOptions)] = o =>
        {
            var a = (AutoencoderOptions)o;   // a preset without hidden layers (sparse, contractive) keeps none
            return a with { HiddenSizes = a.HiddenSizes.Length == 0 ? [] : [16], CodeSize = Math.Min(a.CodeSize, 8) };
        },
        [typeof(ConvolutionalAutoencoderOptions)] = o => (ConvolutionalAutoencoderOptions)o with { Channels = [4, 8], CodeSize = 8 },
        // One epoch per greedy layer: the two epochs cross a phase boundary.
        [typeof(StackedAutoencoderOptions)] = o => (StackedAutoencoderOptions)o with { LayerSizes = [16, 4], EpochsPerLayer = 1 },
        [typeof(ClassifierOptions)] = o => (ClassifierOptions)o with { HiddenSizes = [16] },
        [typeof(SelfOrganizingMapOptions)] = o => (SelfOrganizingMapOptions)o with { Rows = 4, Columns = 4 },
        [typeof(DictionaryLearningOptions)] = o => (DictionaryLearningOptions)o with { Atoms = 16 },
        [typeof(GanOptions)] = o => (GanOptions)o with { NoiseSize = 4, GeneratorHiddenSizes = [16], DiscriminatorHiddenSizes = [16], Channels = [4, 8] },
        [typeof(WganOptions)] = o => (WganOptions)o with { NoiseSize = 4, GeneratorHiddenSizes = [16], DiscriminatorHiddenSizes = [16], Channels = [4, 8] },
        [typeof(PredictiveSparseDecompositionOptions)] = o => (PredictiveSparseDecompositionOptions)o with { Atoms = 16 },
        [typeof(VariationalAutoencoderOptions)] = o => (VariationalAutoencoderOptions)o with { HiddenSizes = [16], CodeSize = 4 },
        [typeof(ConvolutionalVariationalAutoencoderOptions)] = o => (ConvolutionalVariationalAutoencoderOptions)o with { Channels = [4, 8], CodeSize = 4 },
        [typeof(AdversarialAutoencoderOptions)] = o => (AdversarialAutoencoderOptions)o with { HiddenSizes = [16], CodeSize = 2, DiscriminatorHiddenSizes = [16] },
        [typeof(WassersteinAutoencoderOptions)] = o => (WassersteinAutoencoderOptions)o with { HiddenSizes = [16], CodeSize = 2, DiscriminatorHiddenSizes = [16] },
        [typeof(GenerativeMomentMatchingOptions)] = o => (GenerativeMomentMatchingOptions)o with { HiddenSizes = [16], NoiseSize = 4, Bandwidths = "1,2,4" },
    };

    /// <summary>Every catalogue entry's name, after registering the test-only models.</summary>
    public static TheoryData<string> Models()
    {
        TestGenerator.EnsureRegistered();
        TinyGan.EnsureRegistered();
        var data = new TheoryData<string>();
        foreach (var descriptor in ModelCatalog.All) data.Add(descriptor.Name);
        return data;
    }

    /// <summary>The small options the suite trains <paramref name="name"/> with.</summary>
    public static ModelOptions OptionsOf(string name)
    {
        var defaults = ModelCatalog.Get(name).DefaultOptions();
        return Shrink.TryGetValue(defaults.GetType(), out var shrink) ? shrink(defaults) : defaults;
    }

    /// <summary>A trainable model of entry <paramref name="name"/> built from <paramref name="seed"/>.</summary>
    public static ITrainable Create(string name, long seed = 1)
    {
        var model = ModelCatalog.Create(name, OptionsOf(name), SampleShape, CPU, seed);
        return model as ITrainable ?? throw new InvalidOperationException($"{name} is in the catalogue but cannot be trained.");
    }

    /// <summary>96 labelled low-rank images.</summary>
    public static Dataset TrainingData() => TestData.LowRankImages(96, seed: 7);

    /// <summary>32 labelled low-rank images of another draw.</summary>
    public static Dataset ValidationData() => TestData.LowRankImages(32, seed: 8);
}
