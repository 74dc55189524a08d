using System.Text.RegularExpressions;
using LatentSharp.Models;

namespace LatentSharp.Tests.Cli;

/// <summary>
/// Keeps the CLI free of model families: it reaches models only through capabilities
/// (<see cref="IEncoder"/>, <see cref="IGenerator"/>, ...) and library entry points, never a family's
/// namespace or type, so a new family needs no CLI edit.
/// </summary>
public sealed class CliNamesNoFamilyTests
{
    /// <summary>Namespaces of model families: those below LatentSharp.Models.</summary>
    static IReadOnlyList<string> FamilyNamespaces { get; } = typeof(IModel).Assembly.GetTypes()
        .Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("LatentSharp.Models.", StringComparison.Ordinal))
        .Distinct().Order().ToList();

    /// <summary>Every type declared in a family namespace.</summary>
    static IReadOnlyList<string> FamilyTypes { get; } = typeof(IModel).Assembly.GetTypes()
        .Where(t => t.Namespace is { } n && FamilyNamespaces.Contains(n) && !t.Name.Contains('<'))
        .Select(t => t.Name.Split('`')[0]).Distinct().ToList();

    static string CliSourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "LatentSharp.Cli");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/LatentSharp.Cli not found above the test binaries.");
    }

    [Fact]
    public void TheRuleCoversTheFamilies()
    {
        Assert.Contains("LatentSharp.Models.Competitive", FamilyNamespaces);
        Assert.Contains("LatentSharp.Models.SparseCoding", FamilyNamespaces);
        Assert.Contains("LatentSharp.Models.Autoencoders", FamilyNamespaces);
        Assert.Contains("LatentSharp.Models.Supervised", FamilyNamespaces);
        foreach (var type in new[] { "KMeans", "SelfOrganizingMap", "DictionaryLearning", "PredictiveSparseDecomposition", "StackedAutoencoder", "Classifier", "ClassifierOptions", "Autoencoder" })
            Assert.Contains(type, FamilyTypes);
    }

    [Fact]
    public void CliSources_NameNoFamilyNamespaceOrType()
    {
        var files = Directory.GetFiles(CliSourceFolder(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(files.Count >= 10, $"expected the CLI's sources, found {files.Count} files");
        var names = new Regex(@"\b(" + string.Join("|", FamilyTypes.Select(Regex.Escape)) + @")\b");
        var namespaces = new Regex(string.Join("|", FamilyNamespaces.Select(n => Regex.Escape(n) + @"\b")));

        var offences = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (namespaces.Match(lines[i]) is { Success: true } ns) offences.Add($"{Path.GetFileName(file)}:{i + 1}: namespace {ns.Value}");
                else if (names.Match(lines[i]) is { Success: true } type) offences.Add($"{Path.GetFileName(file)}:{i + 1}: type {type.Value}");
            }
        }
        Assert.True(offences.Count == 0, "The CLI names model families (use a capability interface or a library entry point):\n" + string.Join("\n", offences));
    }
}
