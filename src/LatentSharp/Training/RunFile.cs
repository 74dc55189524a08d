namespace LatentSharp.Training;

/// <summary>One file of a run folder, as listed in its manifest.</summary>
/// <param name="Name">File name inside the run folder, e.g. <c>loss.png</c> (no directory).</param>
/// <param name="Description">One line for people: what the file holds.</param>
/// <param name="WrittenBy">What wrote it, e.g. <c>trainer</c>, <c>pictures</c>, <c>kmeans</c>.</param>
public sealed record RunFile(string Name, string Description, string WrittenBy);
