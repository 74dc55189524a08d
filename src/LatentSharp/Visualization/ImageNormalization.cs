namespace LatentSharp.Visualization;

/// <summary>How <see cref="ImageGrid"/> maps tensor values to gray levels.</summary>
public enum ImageNormalization
{
    /// <summary>Values are clamped to [0, 1]: 0 is black, 1 is white. For data and reconstructions.</summary>
    Clamp,

    /// <summary>
    /// Each image is rescaled so its own minimum is black and maximum white (over all its channels);
    /// a constant image is drawn mid-gray. For signed weights: filters, dictionary atoms.
    /// </summary>
    PerImageMinMax,
}
