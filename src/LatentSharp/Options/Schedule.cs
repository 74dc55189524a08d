using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;

namespace LatentSharp.Options;

/// <summary>
/// A scalar hyper-parameter (a learning rate, a loss weight, a noise level) as a pure function of
/// the training step, so a resumed run sees exactly the values an uninterrupted one would.
/// Written as text (<see cref="Grammar"/>):
/// <list type="bullet">
/// <item><c>1e-3</c> — a constant (a plain number, as options held before schedules existed);</item>
/// <item><c>linear:1e-3-&gt;1e-5</c> — a straight line from the first value to the second over the run;</item>
/// <item><c>cosine:1e-3-&gt;0</c> — half a cosine from the first value to the second over the run;</item>
/// <item><c>step:1e-3*0.5@every=1000</c> — the value times 0.5 after every 1000 steps;</item>
/// <item>any of these followed by <c>,warmup=500</c> — the first 500 steps rise linearly from near 0
/// to the start value (step s uses start · (s + 1) / 500), and the schedule proper starts after them.</item>
/// </list>
/// "The run" is the run's total steps, fixed when it starts (<c>TrainingContext.TotalSteps</c>);
/// beyond it a schedule holds its final value. <see cref="ToString"/> gives the text back in a
/// canonical form that <see cref="Parse"/> reads to an equal schedule. In JSON a constant is a
/// plain number, any other schedule its text, so option files written before schedules still load.
/// </summary>
[JsonConverter(typeof(ScheduleJsonConverter))]
public sealed record Schedule
{
    /// <summary>The accepted text forms, for error messages and help.</summary>
    public const string Grammar =
        "a number (constant), constant:V, linear:V0->V1, cosine:V0->V1 or step:V0*FACTOR@every=STEPS, each optionally followed by ,warmup=STEPS";

    Schedule(ScheduleKind kind, double start, double end, double factor, long every, long warmup)
    {
        if (!double.IsFinite(start)) throw new ArgumentOutOfRangeException(nameof(start), start, "The start value must be finite.");
        if (!double.IsFinite(end)) throw new ArgumentOutOfRangeException(nameof(end), end, "The end value must be finite.");
        if (!(factor > 0 && factor <= 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The step factor must be in (0, 1].");
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "A step schedule changes every 1 or more steps.");
        if (warmup < 0) throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "Warm-up is 0 or more steps.");
        (Kind, Start, End, Factor, Every, Warmup) = (kind, start, end, factor, every, warmup);
    }

    /// <summary>The shape after the warm-up.</summary>
    public ScheduleKind Kind { get; }

    /// <summary>The value when the warm-up ends (the peak of a decaying schedule).</summary>
    public double Start { get; }

    /// <summary>The value at the end of the run (linear and cosine); equal to <see cref="Start"/> for a constant.</summary>
    public double End { get; }

    /// <summary>Multiplier applied every <see cref="Every"/> steps (step schedules), in (0, 1]; 1 otherwise.</summary>
    public double Factor { get; }

    /// <summary>Steps between two multiplications by <see cref="Factor"/> (step schedules); 1 otherwise.</summary>
    public long Every { get; }

    /// <summary>Steps of linear warm-up before the schedule proper; 0 for none.</summary>
    public long Warmup { get; }

    /// <summary>A constant value.</summary>
    public static Schedule Constant(double value) => new(ScheduleKind.Constant, value, value, 1, 1, 0);

    /// <summary>A straight line from <paramref name="start"/> to <paramref name="end"/> over the run.</summary>
    public static Schedule Linear(double start, double end) => new(ScheduleKind.Linear, start, end, 1, 1, 0);

    /// <summary>Half a cosine from <paramref name="start"/> to <paramref name="end"/> over the run.</summary>
    public static Schedule Cosine(double start, double end) => new(ScheduleKind.Cosine, start, end, 1, 1, 0);

    /// <summary><paramref name="start"/> multiplied by <paramref name="factor"/> (in (0, 1]) after every <paramref name="every"/> steps.</summary>
    public static Schedule Step(double start, double factor, long every) => new(ScheduleKind.Step, start, start, factor, every, 0);

    /// <summary>This schedule preceded by <paramref name="steps"/> steps of linear warm-up (0 removes it).</summary>
    public Schedule WithWarmup(long steps) => new(Kind, Start, End, Factor, Every, steps);

    /// <summary>A plain number is a constant schedule.</summary>
    public static implicit operator Schedule(double value) => Constant(value);

    /// <summary>True when the value never changes (a constant without warm-up).</summary>
    public bool IsConstant => Kind == ScheduleKind.Constant && Warmup == 0;

    /// <summary>
    /// The value for the step that follows <paramref name="step"/> completed steps of a run of
    /// <paramref name="totalSteps"/> (0 when unknown: linear and cosine then hold their start value).
    /// </summary>
    public double ValueAt(long step, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < Warmup) return Start * (step + 1) / Warmup;
        long since = step - Warmup;
        switch (Kind)
        {
            case ScheduleKind.Constant:
                return Start;
            case ScheduleKind.Step:
                return Start * Math.Pow(Factor, since / Every);
            default:
                double progress = totalSteps <= 0 ? 0 : totalSteps <= Warmup ? 1 : Math.Min(1, (double)since / (totalSteps - Warmup));
                if (progress >= 1) return End;
                return Kind == ScheduleKind.Linear
                    ? Start + (End - Start) * progress
                    : End + (Start - End) * (1 + Math.Cos(Math.PI * progress)) / 2;
        }
    }

    /// <summary>
    /// Whether the schedule suits an option declared with <paramref name="range"/>: its start and
    /// end values lie in the range's closed interval and its peak lies in the range itself (so
    /// <c>cosine:1e-3-&gt;0</c> suits a learning rate that must be &gt; 0; a constant 0 does not).
    /// Warm-up and step decay pass between 0 and the start value.
    /// </summary>
    public bool Fits(RangeAttribute range)
    {
        ArgumentNullException.ThrowIfNull(range);
        double min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        double max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        bool Closed(double v) => v >= min && v <= max;
        double peak = Math.Max(Start, End);
        return Closed(Start) && Closed(End) && range.IsValid(peak);
    }

    /// <summary>Reads a schedule written in <see cref="Grammar"/>.</summary>
    /// <exception cref="FormatException">The text is not a schedule; the message shows the grammar.</exception>
    public static Schedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ParseCore(text.Trim());
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            string why = e is ArgumentOutOfRangeException range ? range.Message.Split(" (Parameter")[0] + " " : "";
            throw new FormatException($"'{text}' is not a schedule: {why}expected {Grammar}.", e);
        }
    }

    static Schedule ParseCore(string text)
    {
        var parts = text.Split(',');
        long warmup = 0;
        foreach (var option in parts.Skip(1))
        {
            var (key, value) = Pair(option);
            if (!key.Equals("warmup", StringComparison.OrdinalIgnoreCase)) throw new FormatException($"unknown setting '{key}'");
            warmup = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        var body = parts[0];
        int colon = body.IndexOf(':');
        if (colon < 0) return Constant(Number(body)).WithWarmup(warmup);
        var kind = body[..colon].Trim().ToLowerInvariant();
        var rest = body[(colon + 1)..];
        Schedule schedule;
        switch (kind)
        {
            case "constant":
                schedule = Constant(Number(rest));
                break;
            case "linear":
            case "cosine":
                var ends = rest.Split("->");
                if (ends.Length != 2) throw new FormatException("expected V0->V1");
                schedule = kind == "linear" ? Linear(Number(ends[0]), Number(ends[1])) : Cosine(Number(ends[0]), Number(ends[1]));
                break;
            case "step":
                var at = rest.Split('@');
                var product = at[0].Split('*');
                if (at.Length != 2 || product.Length != 2) throw new FormatException("expected V0*FACTOR@every=STEPS");
                var (everyKey, everyValue) = Pair(at[1]);
                if (!everyKey.Equals("every", StringComparison.OrdinalIgnoreCase)) throw new FormatException("expected every=STEPS");
                schedule = Step(Number(product[0]), Number(product[1]), long.Parse(everyValue, NumberStyles.None, CultureInfo.InvariantCulture));
                break;
            default:
                throw new FormatException($"unknown kind '{kind}'");
        }
        return schedule.WithWarmup(warmup);
    }

    static (string Key, string Value) Pair(string text)
    {
        var pair = text.Split('=');
        if (pair.Length != 2) throw new FormatException($"expected name=value, got '{text}'");
        return (pair[0].Trim(), pair[1].Trim());
    }

    static double Number(string text)
    {
        var value = double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : throw new FormatException("values must be finite");
    }

    /// <summary>The schedule in <see cref="Grammar"/>, canonical: a constant is its number; numbers in their shortest exact form (<c>1e-3</c>, <c>0.5</c>).</summary>
    public override string ToString()
    {
        string body = Kind switch
        {
            ScheduleKind.Constant => Warmup == 0 ? Format(Start) : $"constant:{Format(Start)}",
            ScheduleKind.Linear => $"linear:{Format(Start)}->{Format(End)}",
            ScheduleKind.Cosine => $"cosine:{Format(Start)}->{Format(End)}",
            _ => $"step:{Format(Start)}*{Format(Factor)}@every={Every.ToString(CultureInfo.InvariantCulture)}",
        };
        return Warmup == 0 ? body : $"{body},warmup={Warmup.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The shorter of a number's exact decimal and scientific forms (ties to decimal): 0.001 → <c>1e-3</c>,
    /// 0.01 → <c>0.01</c>, 2.5e-4 → <c>2.5e-4</c>. Both parse back to the same double.
    /// </summary>
    public static string Format(double value)
    {
        if (value == 0) return "0";
        string roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var mantissaAndExponent = roundTrip.Split('E');
        string mantissa = mantissaAndExponent[0];
        int exponent = mantissaAndExponent.Length > 1 ? int.Parse(mantissaAndExponent[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        int point = mantissa.IndexOf('.');
        string digits = mantissa.Replace(".", "");
        int position = (point < 0 ? mantissa.Length : point) + exponent;   // digits before the decimal point
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        position -= leading;
        digits = digits.TrimEnd('0');
        string decimalForm = position <= 0 ? "0." + new string('0', -position) + digits
            : position >= digits.Length ? digits + new string('0', position - digits.Length)
            : digits[..position] + "." + digits[position..];
        string scientific = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (position - 1).ToString(CultureInfo.InvariantCulture);
        string shortest = scientific.Length < decimalForm.Length ? scientific : decimalForm;
        return value < 0 ? "-" + shortest : shortest;
    }
}
