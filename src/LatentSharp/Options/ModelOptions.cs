using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace LatentSharp.Options;

/// <summary>
/// Base of every model's hyper-parameter record. Hyper-parameters only — learned state lives in
/// the model. Ranges are declared as data (<see cref="RangeAttribute"/>) so that validation, the
/// CLI's options and <c>latent models &lt;name&gt;</c> help all read one source of truth.
/// </summary>
public abstract record ModelOptions
{
    /// <summary>
    /// Checks every field; throws <see cref="InvalidOptionException"/> naming the first bad one.
    /// </summary>
    public void Validate()
    {
        foreach (var property in GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var range = property.GetCustomAttribute<RangeAttribute>();
            var value = property.GetValue(this);
            if (range is not null && value is Schedule schedule)
            {
                if (!schedule.Fits(range))
                    throw new InvalidOptionException(property.Name, value, OptionRange.Describe(range) +
                        (schedule.Kind == ScheduleKind.Constant ? "" : " (a schedule's start and end in the closed range, its peak in the range)"));
            }
            else if (range is not null && value is not null && !range.IsValid(value))
                throw new InvalidOptionException(property.Name, value, OptionRange.Describe(range));
            if (value is Enum e && !Enum.IsDefined(e.GetType(), e))
                throw new InvalidOptionException(property.Name, value, "one of " + string.Join(", ", Enum.GetNames(e.GetType())));
        }
        ValidateRelations();
    }

    /// <summary>
    /// Checks that need more than one field, or element-wise checks of arrays. Throw
    /// <see cref="InvalidOptionException"/> naming the field.
    /// </summary>
    protected virtual void ValidateRelations() { }

    /// <summary>Throws <see cref="InvalidOptionException"/> unless every element is in [min, max].</summary>
    protected static void RequireEach(string field, IReadOnlyList<int> values, int min, int max, int minCount = 1)
    {
        if (values is null || values.Count < minCount)
            throw new InvalidOptionException(field, values is null ? "null" : Format(values), $"a list of at least {minCount} value(s)");
        foreach (var v in values)
            if (v < min || v > max)
                throw new InvalidOptionException(field, Format(values), $"every value in [{min}, {max}]");
    }

    static string Format(IReadOnlyList<int> values) => string.Join(",", values);
}
