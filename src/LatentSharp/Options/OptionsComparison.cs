using System.Text.Json.Nodes;

namespace LatentSharp.Options;

/// <summary>Which hyper-parameters differ between two options records of one type, by name and value.</summary>
public static class OptionsComparison
{
    /// <summary>
    /// One entry per differing field, <c>Field: X (saved) vs Y (now)</c>; empty when they agree.
    /// Fields added to the record after <paramref name="saved"/> was written read as their defaults, so
    /// they differ only when set otherwise now.
    /// </summary>
    public static IReadOnlyList<string> Differences(ModelOptions saved, ModelOptions current)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(current);
        var a = JsonNode.Parse(OptionsJson.Serialize(saved))!.AsObject();
        var b = JsonNode.Parse(OptionsJson.Serialize(current))!.AsObject();
        var result = new List<string>();
        foreach (var key in a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key)))
        {
            var x = a[key]?.ToJsonString() ?? "null";
            var y = b[key]?.ToJsonString() ?? "null";
            if (x != y) result.Add($"{key}: {x} (saved) vs {y} (now)");
        }
        return result;
    }
}
