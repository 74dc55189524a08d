namespace LatentSharp.Options;

/// <summary>The shape of a <see cref="Schedule"/> after its warm-up.</summary>
public enum ScheduleKind
{
    /// <summary>The start value throughout.</summary>
    Constant,
    /// <summary>A straight line from the start value to the end value over the run.</summary>
    Linear,
    /// <summary>Half a cosine from the start value to the end value over the run (Loshchilov and Hutter, 2017, https://arxiv.org/abs/1608.03983, without restarts).</summary>
    Cosine,
    /// <summary>The start value multiplied by a factor every fixed number of steps.</summary>
    Step,
}
