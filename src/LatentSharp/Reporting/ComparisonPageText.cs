namespace LatentSharp.Reporting;

/// <summary>The words around a <see cref="ComparisonPage"/>'s tables, when the page is not <c>latent compare</c>'s (e.g. the zoo's).</summary>
/// <param name="Title">The page's title and heading.</param>
/// <param name="Lead">The paragraph under the heading.</param>
/// <param name="Notes">Lines shown under the run table (plain text; escaped).</param>
/// <param name="WrittenBy">The command named in the footer, e.g. <c>latent zoo</c>.</param>
public sealed record ComparisonPageText(string Title, string Lead, IReadOnlyList<string> Notes, string WrittenBy);
