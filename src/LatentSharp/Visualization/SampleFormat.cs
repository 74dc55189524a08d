namespace LatentSharp.Visualization;

/// <summary>How drawn samples are written (see <see cref="SampleFiles"/>).</summary>
public enum SampleFormat
{
    /// <summary>An image grid, 8 per line (samples must be images).</summary>
    Png,
    /// <summary>One flattened sample per line, header <c>x_0,x_1,...</c>.</summary>
    Csv,
    /// <summary>One tensor <c>samples</c> of shape <c>[count, ...sample shape]</c> (Python's safetensors reads it).</summary>
    SafeTensors,
}
