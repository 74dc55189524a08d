using LatentSharp.Training;

namespace LatentSharp.Zoo;

/// <summary>What the zoo is doing, for <see cref="ZooRunner"/>'s <see cref="IProgress{T}"/>.</summary>
/// <param name="Family">The family at work.</param>
/// <param name="Index">Its position among the selected families, from 1.</param>
/// <param name="Count">How many families are selected.</param>
/// <param name="Stage">What happens: <c>skip</c>, <c>train</c>, <c>resume</c>, <c>restart</c>, <c>evaluate</c>, <c>done</c>, <c>failed</c>.</param>
/// <param name="Message">One line about it.</param>
/// <param name="Training">The trainer's report while training, else null.</param>
public sealed record ZooProgress(string Family, int Index, int Count, string Stage, string Message, TrainingProgress? Training = null);
