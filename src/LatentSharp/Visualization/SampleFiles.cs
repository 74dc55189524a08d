using System.Globalization;
using System.Text;
using LatentSharp.IO;
using LatentSharp.Models;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

namespace LatentSharp.Visualization;

/// <summary>Draws samples from an <see cref="IGenerator"/> and writes them as a picture, CSV or safetensors.</summary>
public static class SampleFiles
{
    /// <summary>The format names <see cref="ParseFormat"/> accepts.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = ["png", "csv", "safetensors"];

    /// <summary>A format by name (<c>png</c>, <c>csv</c>, <c>safetensors</c>; case-insensitive).</summary>
    /// <exception cref="FormatException">Not a format name; the message lists them.</exception>
    public static SampleFormat ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "png" => SampleFormat.Png,
        "csv" => SampleFormat.Csv,
        "safetensors" => SampleFormat.SafeTensors,
        _ => throw new FormatException($"'{name}' is not a sample format; use {string.Join(", ", FormatNames)}."),
    };

    /// <summary>The format a file name's extension says (<c>.png</c>, <c>.csv</c>, <c>.safetensors</c>), or null.</summary>
    public static SampleFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => SampleFormat.Png,
        ".csv" => SampleFormat.Csv,
        ".safetensors" => SampleFormat.SafeTensors,
        _ => null,
    };

    /// <summary>
    /// Draws <paramref name="count"/> samples from <paramref name="model"/> with a generator seeded by
    /// <paramref name="seed"/> (the same seed gives the same samples) and writes them to
    /// <paramref name="path"/> atomically in <paramref name="format"/>.
    /// </summary>
    /// <exception cref="ArgumentException">PNG asked for samples that are not images, or a bad count.</exception>
    public static void Write(IGenerator model, string path, int count, long seed, SampleFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var imageShape = ImageShapes.Of(model.InputShape);
        if (format == SampleFormat.Png && imageShape is null)
            throw new ArgumentException($"Samples of '{model.Name}' have shape [{string.Join(", ", model.InputShape)}], not an image; write them as csv or safetensors.", nameof(format));
        using var random = new Generator((ulong)seed);
        switch (format)
        {
            case SampleFormat.Png:
                RunPictures.DrawSamples(model, path, count, random, imageShape!);
                break;
            case SampleFormat.Csv:
                using (var scope = NewDisposeScope())
                    AtomicFile.WriteText(path, Csv(model.Sample(count, random).detach().cpu().to(ScalarType.Float32)));
                break;
            case SampleFormat.SafeTensors:
                using (var samples = model.Sample(count, random))
                using (var cpu = samples.detach().cpu().contiguous())
                    SafeTensorsFile.Write(path, new Dictionary<string, Tensor> { ["samples"] = cpu },
                        new Dictionary<string, string> { ["latentsharp.model"] = model.Name, ["latentsharp.seed"] = seed.ToString(CultureInfo.InvariantCulture) });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown sample format.");
        }
    }

    static string Csv(Tensor samples)
    {
        long count = samples.shape[0];
        var flat = samples.reshape(count, -1).contiguous();
        long width = flat.shape[1];
        var values = flat.data<float>().ToArray();
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, (int)width).Select(i => $"x_{i}")).Append('\n');
        for (long row = 0; row < count; row++)
        {
            for (long column = 0; column < width; column++)
            {
                if (column > 0) text.Append(',');
                text.Append(values[row * width + column].ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
