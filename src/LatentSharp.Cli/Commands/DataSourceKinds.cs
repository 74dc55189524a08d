using LatentSharp.Data;

namespace LatentSharp.Cli.Commands;

/// <summary>Every kind of data source <c>--data</c> takes, for help and <c>latent data</c>: the named sets, then the file and generated kinds.</summary>
internal static class DataSourceKinds
{
    /// <summary>The kinds given by a path or a spec rather than a name.</summary>
    public static IReadOnlyList<(string Form, string Description)> Others { get; } =
    [
        ("<file>.idx, .idx.gz, …-ubyte", "IDX images; labels from the matching labels file when present"),
        ("<file>.csv", "one sample per row; --label-column picks the labels"),
        ("<folder>", "the four MNIST-style IDX files (train/t10k images and labels)"),
        ($"{ImagePatches.Prefix}<photo or folder>[,size=8,count=20000,test=2000,seed=1,normalize=whiten]",
            "random square patches of photographs (normalize: none, center, contrast, whiten)"),
    ];

    /// <summary>Writes one line per kind, each after <paramref name="indent"/>.</summary>
    public static void Write(TextWriter output, string indent)
    {
        foreach (var (name, description) in DataSources.KnownNames)
            output.WriteLine($"{indent}{name,-20}{description}");
        foreach (var (form, description) in Others)
            output.WriteLine(form.Length < 20 ? $"{indent}{form,-20}{description}" : $"{indent}{form}\n{indent}{"",-20}{description}");
    }
}
