using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LatentSharp.Layers;
using LatentSharp.Options;

namespace LatentSharp.Models.MomentMatching;

/// <summary>
/// Hyper-parameters of <see cref="GenerativeMomentMatchingNetwork"/>. Defaults follow the GMMN paper's
/// MNIST data-space model (Li, Swersky and Zemel 2015, https://arxiv.org/abs/1502.02761): uniform noise
/// of 10 dimensions, ReLU layers 64-256-256-1024, a sigmoid output, and a sum of Gaussian kernels with
/// bandwidths 2, 5, 10, 20, 40, 80 (suited to 784 pixels in [0, 1], where squared distances between
/// images are tens to hundreds).
/// </summary>
public sealed record GenerativeMomentMatchingOptions : GradientModelOptions
{
    /// <summary>Dimensions of the uniform noise in [−1, 1] fed to the generator.</summary>
    [Description("Noise dimensions (uniform in [-1, 1]) fed to the generator")]
    [Range(1, 100_000)]
    public int NoiseSize { get; init; } = 10;

    /// <summary>Hidden layer sizes of the generator, noise → … → data.</summary>
    [Description("Generator hidden layer sizes, e.g. 64,256,256,1024")]
    public int[] HiddenSizes { get; init; } = [64, 256, 256, 1024];

    /// <summary>Non-linearity between hidden layers.</summary>
    [Description("Hidden activation: relu, leaky-relu, sigmoid, tanh, elu, gelu, linear")]
    public ActivationKind Activation { get; init; } = ActivationKind.Relu;

    /// <summary>The generator's output activation: sigmoid for data in [0, 1] (checked), linear for real-valued data.</summary>
    [Description("Output activation: sigmoid (data in [0,1], checked) or linear (real-valued data)")]
    public ActivationKind OutputActivation { get; init; } = ActivationKind.Sigmoid;

    /// <summary>
    /// Bandwidths σ of the summed Gaussian kernels Σ_σ exp(−‖x − y‖²/(2σ²)), comma-separated. Pick them
    /// around the typical distance between samples: 2..80 for 784 pixels in [0, 1], about 0.5..4 for
    /// standardised low-dimensional data.
    /// </summary>
    [Description("Bandwidths of the summed RBF kernels, comma-separated (2..80 suits 784 pixels in [0,1])")]
    public string Bandwidths { get; init; } = "2,5,10,20,40,80";

    /// <summary>The parsed <see cref="Bandwidths"/>.</summary>
    public double[] BandwidthValues() => ParseBandwidths(Bandwidths) ?? throw new InvalidOptionException(nameof(Bandwidths), Bandwidths, AllowedBandwidths);

    const string AllowedBandwidths = "a comma-separated list of positive numbers, e.g. 2,5,10,20,40,80";

    static double[]? ParseBandwidths(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var values = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
                return null;
            values.Add(value);
        }
        return [.. values];
    }

    /// <inheritdoc />
    protected override void ValidateRelations()
    {
        RequireEach(nameof(HiddenSizes), HiddenSizes, 1, 1_000_000, minCount: 0);
        if (ParseBandwidths(Bandwidths) is null) throw new InvalidOptionException(nameof(Bandwidths), Bandwidths, AllowedBandwidths);
        if (OutputActivation is not (ActivationKind.Sigmoid or ActivationKind.Linear or ActivationKind.Tanh))
            throw new InvalidOptionException(nameof(OutputActivation), OutputActivation.ToString(), "sigmoid, tanh or linear");
    }
}
