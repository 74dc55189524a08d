using System.Globalization;
using static TorchSharp.torch;

namespace LatentSharp.Layers.Priors;

/// <summary>
/// Reads a prior from text: <c>gaussian</c>, <c>mixture:K[,radius=r][,std=σ]</c> (defaults 10, 4, 0.5),
/// <c>uniform[:low,high]</c> (default −1, 1), <c>swiss-roll[:scale=S][,noise=σ]</c> (2-D; defaults 2, 0.05).
/// A prior given by a sampler is built in code (<see cref="SamplerPrior"/>).
/// </summary>
public static class LatentPriors
{
    /// <summary>The grammar, as error messages and option help show it.</summary>
    public const string Grammar = "gaussian, mixture:K,radius=R,std=S, uniform:LOW,HIGH, swiss-roll[:scale=S,noise=N]";

    /// <summary>The prior names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gaussian", "mixture", "uniform", "swiss-roll"];

    /// <summary>Parses <paramref name="text"/> into a prior over codes of <paramref name="dimensions"/> dimensions.</summary>
    /// <exception cref="FormatException">Unknown name, bad numbers or keys, or a prior that does not fit the dimensions; the message lists the valid forms.</exception>
    public static ILatentPrior Parse(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (dimensions < 1) throw new FormatException($"A prior needs at least one dimension; got {dimensions}.");
        var trimmed = text.Trim();
        int colon = trimmed.IndexOf(':');
        string name = (colon < 0 ? trimmed : trimmed[..colon]).Trim().ToLowerInvariant();
        var arguments = colon < 0 ? [] : trimmed[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (colon >= 0 && arguments.Any(a => a.Length == 0))
            throw Error(text, "an argument is empty");
        try
        {
            return name switch
            {
                "gaussian" => NoArguments(text, arguments, new StandardGaussianPrior(dimensions)),
                "mixture" => Mixture(text, arguments, dimensions),
                "uniform" => Uniform(text, arguments, dimensions),
                "swiss-roll" => SwissRoll(text, arguments, dimensions),
                _ => throw Error(text, $"unknown prior '{name}'"),
            };
        }
        catch (ArgumentException e)
        {
            throw Error(text, e.Message.Split(" (Parameter")[0]);
        }
    }

    static ILatentPrior NoArguments(string text, string[] arguments, ILatentPrior prior) =>
        arguments.Length == 0 ? prior : throw Error(text, $"'{prior.Spec}' takes no arguments");

    static GaussianMixturePrior Mixture(string text, string[] arguments, int dimensions)
    {
        int components = 10;
        var rest = arguments;
        if (rest.Length > 0 && !rest[0].Contains('='))
        {
            if (!int.TryParse(rest[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out components) || components < 1)
                throw Error(text, $"the number of components must be a whole number ≥ 1; got '{rest[0]}'");
            rest = rest[1..];
        }
        var keys = Keys(text, rest, "radius", "std");
        return new GaussianMixturePrior(dimensions, components, keys.GetValueOrDefault("radius", 4), keys.GetValueOrDefault("std", 0.5));
    }

    static UniformPrior Uniform(string text, string[] arguments, int dimensions)
    {
        if (arguments.Length == 0) return new UniformPrior(dimensions, -1, 1);
        if (arguments.Length != 2) throw Error(text, "uniform takes two numbers, low and high");
        return new UniformPrior(dimensions, Number(text, arguments[0]), Number(text, arguments[1]));
    }

    static SwissRollPrior SwissRoll(string text, string[] arguments, int dimensions)
    {
        if (dimensions != 2) throw Error(text, $"the swiss roll is 2-D; the code has {dimensions} dimensions");
        var keys = Keys(text, arguments, "scale", "noise");
        return new SwissRollPrior(keys.GetValueOrDefault("scale", 2), keys.GetValueOrDefault("noise", 0.05));
    }

    static Dictionary<string, double> Keys(string text, string[] arguments, params string[] allowed)
    {
        var result = new Dictionary<string, double>();
        foreach (var argument in arguments)
        {
            int equals = argument.IndexOf('=');
            string key = equals < 0 ? argument : argument[..equals].Trim().ToLowerInvariant();
            if (equals < 0 || !allowed.Contains(key))
                throw Error(text, $"unknown argument '{argument}' (keys: {string.Join(", ", allowed)})");
            if (!result.TryAdd(key, Number(text, argument[(equals + 1)..])))
                throw Error(text, $"'{key}' is given twice");
        }
        return result;
    }

    static double Number(string text, string value) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw Error(text, $"'{value}' is not a number");

    static FormatException Error(string text, string reason) =>
        new($"Cannot read prior '{text}': {reason}. Priors: {Grammar}.");

    /// <summary>The device of <paramref name="generator"/> (CPU for TorchSharp's global generator).</summary>
    internal static Device DeviceOf(Generator? generator) => generator?.device ?? CPU;

    /// <summary><paramref name="codes"/> moved to <paramref name="device"/> when one is given.</summary>
    internal static Tensor OnDevice(Tensor codes, Device? device) =>
        device is null || device.type == codes.device.type && device.index == codes.device.index ? codes : codes.to(device);
}
