using System.Globalization;
using LatentSharp.Data;
using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// The checks that data must pass before a model works on it, in one place: its sample shape
/// against the model's, then the model's own <see cref="IDataChecked.CheckData"/> (value range,
/// memory). Training and every command that applies a model to data call <see cref="Check"/>.
/// </summary>
public static class DataChecks
{
    const int ScanBatch = 4096;    // rows read at a time by the range scan

    /// <summary>Refuses <paramref name="data"/> that <paramref name="model"/> cannot take, with one message naming both.</summary>
    /// <exception cref="ArgumentException">The sample shapes differ, or the model's own check fails.</exception>
    public static void Check(IModel model, IBatchSource data)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckShape(model.Name, model.InputShape, data);
        if (model is IDataChecked checkedModel) checkedModel.CheckData(data);
    }

    /// <summary>
    /// Refuses <paramref name="data"/> whose samples do not hold as many values as one of shape
    /// <paramref name="inputShape"/> (a <c>[784]</c> row and a <c>[1, 28, 28]</c> image agree).
    /// </summary>
    public static void CheckShape(string modelName, long[] inputShape, IBatchSource data)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(data);
        if (Size(inputShape) != Size(data.SampleShape))
            throw new ArgumentException($"{modelName} expects samples of shape {Shape(inputShape)}; '{data.Name}' has samples of shape {Shape(data.SampleShape)}.");
    }

    /// <summary>The smallest and largest value in <paramref name="data"/>, read in batches.</summary>
    public static (double Minimum, double Maximum) Range(IBatchSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double minimum = double.PositiveInfinity, maximum = double.NegativeInfinity;
        foreach (var (start, length) in BatchRanges.Of(data.Count, ScanBatch))
        {
            using var scope = NewDisposeScope();
            var features = data is Dataset dataset
                ? dataset.Features.narrow(0, start, length)
                : data.ReadBatch(arange(start, start + length, dtype: ScalarType.Int64), CPU).Features;
            minimum = Math.Min(minimum, features.min().to(ScalarType.Float64).item<double>());
            maximum = Math.Max(maximum, features.max().to(ScalarType.Float64).item<double>());
        }
        return (minimum, maximum);
    }

    /// <summary>Refuses data with values outside [0, 1] for <paramref name="modelName"/>'s BCE loss, naming the loss to use instead.</summary>
    public static void CheckBceRange(string modelName, IBatchSource data)
    {
        var (minimum, maximum) = Range(data);
        if (minimum >= 0 && maximum <= 1) return;
        string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        throw new ArgumentException($"{modelName}'s BCE loss needs values in [0, 1], but '{data.Name}' has values from {F(minimum)} to {F(maximum)}: " +
                                    "use the MSE loss (--loss mse, with --output linear for values outside [0, 1]) or scale the data to [0, 1].");
    }

    /// <summary>A shape as the messages write it, e.g. <c>[1, 28, 28]</c>.</summary>
    public static string Shape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";

    static long Size(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}
