namespace LatentSharp.Options;

/// <summary>A hyper-parameter (or trainer setting) outside its allowed range.</summary>
public sealed class InvalidOptionException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="field"/> holding <paramref name="value"/>.</summary>
    /// <param name="field">The option's property name, e.g. <c>LearningRate</c>.</param>
    /// <param name="value">The offending value.</param>
    /// <param name="allowed">What is allowed, e.g. <c>&gt; 0</c> or <c>one of Bce, Mse</c>.</param>
    public InvalidOptionException(string field, object? value, string allowed)
        : base($"{field} = {FormatValue(value)} is not allowed: it must be {allowed}.", field)
    {
        Field = field;
        Value = value;
        Allowed = allowed;
    }

    /// <summary>The option's property name.</summary>
    public string Field { get; }

    /// <summary>The offending value.</summary>
    public object? Value { get; }

    /// <summary>What is allowed.</summary>
    public string Allowed { get; }

    /// <summary>Formats an option value for messages.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
