using LatentSharp.Models;
using LatentSharp.Training;

namespace LatentSharp.Evaluation.Estimators;

/// <summary>The capability interfaces an estimator may require, and how a refusal describes each.</summary>
public static class Capabilities
{
    static readonly Dictionary<Type, string> Descriptions = new()
    {
        [typeof(IEncoder)] = "encodes inputs to codes (IEncoder)",
        [typeof(IReconstructor)] = "reconstructs its input (IReconstructor)",
        [typeof(IGenerator)] = "draws samples (IGenerator)",
        [typeof(IDensityModel)] = "scores data under its density (IDensityModel)",
        [typeof(IImportanceWeighted)] = "gives importance log-weights log p(x, z) - log q(z | x) (IImportanceWeighted)",
        [typeof(ITrainable)] = "has a training objective to evaluate (ITrainable)",
    };

    /// <summary>The interfaces that can be required.</summary>
    public static IReadOnlyCollection<Type> All => Descriptions.Keys;

    /// <summary>What having <paramref name="capability"/> means, e.g. <c>encodes inputs to codes (IEncoder)</c>.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="All"/>.</exception>
    public static string Describe(Type capability) =>
        Descriptions.TryGetValue(capability, out var text)
            ? text
            : throw new ArgumentException($"{capability.Name} is not a model capability; use one of {string.Join(", ", All.Select(t => t.Name))}.", nameof(capability));
}
