using System.Reflection;

namespace LatentSharp.Data;

/// <summary>
/// Turns what the user typed (<c>--data</c>) into datasets: a known name, an IDX or CSV file, or a
/// directory of MNIST-style IDX files.
/// </summary>
public static class DataSources
{
    /// <summary>The embedded default: 5000 training and 1000 test images of Fashion-MNIST.</summary>
    public const string FashionMnistSmall = "fashion-mnist-small";

    /// <summary>The full Fashion-MNIST: 60000 training and 10000 test images, read from disk.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>Environment variable naming a directory that holds datasets (e.g. the Fashion-MNIST files).</summary>
    public const string DataDirectoryVariable = "LATENTSHARP_DATA";

    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs Fashion-MNIST.</summary>
    public const string SystemFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The ten Fashion-MNIST classes, indexed by label.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The dataset names <see cref="Resolve"/> knows, with a one-line description each.</summary>
    public static IReadOnlyList<(string Name, string Description)> KnownNames { get; } =
    [
        (FashionMnistSmall, "5000 train / 1000 test Fashion-MNIST images, 1×28×28, built in (the default)"),
        (FashionMnist, $"60000 train / 10000 test Fashion-MNIST images, 1×28×28, from ${DataDirectoryVariable} or {SystemFashionMnistDirectory}"),
    ];

    /// <summary>The four files of an MNIST-style directory: train images, train labels, test images, test labels.</summary>
    static readonly string[] MnistStems =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Resolves a data source.</summary>
    /// <param name="source">
    /// Null or <c>fashion-mnist-small</c> (embedded default); <c>fashion-mnist</c>; a path to an IDX
    /// images file (<c>.idx</c>, <c>.gz</c>, <c>…-ubyte</c>; its labels are taken from the file named with
    /// images→labels and idx3→idx1, if it exists); a path to a <c>.csv</c> file; or a directory holding
    /// the four MNIST-style files (<c>train-images-idx3-ubyte[.gz]</c>, …, <c>t10k-labels-idx1-ubyte[.gz]</c>);
    /// or <c>image-patches:&lt;photo or folder&gt;[,size=8,count=20000,test=2000,seed=1,normalize=whiten]</c>
    /// (random patches of photographs, see <see cref="ImagePatches"/>).
    /// </param>
    /// <param name="options">CSV options and an optional test file for file sources.</param>
    /// <returns>Training and (for named and directory sources, or with <see cref="DataSourceOptions.TestPath"/>) test sets.</returns>
    /// <exception cref="DataSourceException">Unknown name (the message lists the known ones), missing file or dataset.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static DataSplit Resolve(string? source, DataSourceOptions? options = null)
    {
        options ??= new DataSourceOptions();
        options.Validate();
        source = source?.Trim();
        if (ImagePatches.IsSpec(source))
        {
            if (options.TestPath is not null)
                throw new DataSourceException($"A test file ({options.TestPath}) cannot be given for '{source}': its held-out patches come from the bottom fifth of each image.");
            return ImagePatches.Load(source!);
        }
        var isNamed = string.IsNullOrEmpty(source) || KnownNames.Any(known => known.Name == source);
        if ((isNamed || Directory.Exists(source)) && options.TestPath is not null)
            throw new DataSourceException($"A test file ({options.TestPath}) can only be given for a file source; '{source ?? FashionMnistSmall}' already has its own test split.");

        if (string.IsNullOrEmpty(source) || source == FashionMnistSmall)
            return LoadEmbedded();
        if (source == FashionMnist)
            return LoadFashionMnist();
        if (Directory.Exists(source))
        {
            var files = FindMnistFiles(source)
                ?? throw new DataSourceException($"Directory '{source}' does not hold the four MNIST-style files ({MissingFiles(source)} missing; .gz optional).");
            var classNames = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(source)))
                .Contains("fashion", StringComparison.OrdinalIgnoreCase) ? FashionMnistClassNames : null;
            return LoadMnistDirectory(files, Path.GetFileName(Path.TrimEndingDirectorySeparator(source)), classNames);
        }
        if (File.Exists(source))
        {
            var train = LoadFile(source, options.Csv);
            try
            {
                var test = options.TestPath is null ? null : LoadTestFile(options.TestPath, options.Csv, train);
                return new DataSplit(train, test);
            }
            catch
            {
                train.Dispose();
                throw;
            }
        }
        if (LooksLikePath(source))
            throw new DataSourceException($"Data file or directory '{source}' does not exist.");
        throw new DataSourceException($"Unknown data source '{source}'. Known names: {string.Join(", ", KnownNames.Select(known => known.Name))}; or give a path to a .csv file, an IDX file (.idx, .gz) or a directory of MNIST-style IDX files, or image-patches:<photo or folder>.");
    }

    static DataSplit LoadEmbedded()
    {
        var assembly = typeof(DataSources).Assembly;
        var train = LoadEmbeddedPair(assembly, MnistStems[0], MnistStems[1], $"{FashionMnistSmall}/train");
        try
        {
            return new DataSplit(train, LoadEmbeddedPair(assembly, MnistStems[2], MnistStems[3], $"{FashionMnistSmall}/test"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    static Dataset LoadEmbeddedPair(Assembly assembly, string imagesStem, string labelsStem, string name)
    {
        using var images = OpenResource(assembly, imagesStem + ".gz");
        using var labels = OpenResource(assembly, labelsStem + ".gz");
        return IdxReader.ReadImages(images, $"embedded {imagesStem}.gz", labels, $"embedded {labelsStem}.gz", name, FashionMnistClassNames);
    }

    static Stream OpenResource(Assembly assembly, string file) =>
        assembly.GetManifestResourceStream($"LatentSharp.Data.Embedded.{file}")
        ?? throw new InvalidOperationException($"The embedded resource LatentSharp.Data.Embedded.{file} is missing from {assembly.GetName().Name}; the build is broken.");

    static DataSplit LoadFashionMnist()
    {
        var variable = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        string[] candidates = string.IsNullOrWhiteSpace(variable)
            ? [SystemFashionMnistDirectory]
            : [Path.Combine(variable, FashionMnist), variable];
        foreach (var directory in candidates)
        {
            if (FindMnistFiles(directory) is { } files)
                return LoadMnistDirectory(files, FashionMnist, FashionMnistClassNames);
        }
        var looked = string.Join(" and ", candidates.Select(directory => $"{directory} ({MissingFiles(directory)} missing)"));
        var origin = string.IsNullOrWhiteSpace(variable) ? "" : $" (from ${DataDirectoryVariable})";
        throw new DataSourceException(
            $"Fashion-MNIST is not installed: looked in {looked}{origin} for {string.Join(", ", MnistStems.Select(stem => stem + ".gz"))}. " +
            $"Run 'apt-get install dataset-fashion-mnist' or set {DataDirectoryVariable} to a directory holding those files; " +
            $"'{FashionMnistSmall}' is built in.");
    }

    /// <summary>The four files' paths in <see cref="MnistStems"/> order, or null if any is missing.</summary>
    static string[]? FindMnistFiles(string directory)
    {
        var files = new string[MnistStems.Length];
        for (var i = 0; i < files.Length; i++)
        {
            if (FindMnistFile(directory, MnistStems[i]) is not { } file)
                return null;
            files[i] = file;
        }
        return files;
    }

    static string? FindMnistFile(string directory, string stem)
    {
        // Original MNIST downloads also use "train-images.idx3-ubyte" once unpacked.
        var dotted = stem.Replace("-idx", ".idx", StringComparison.Ordinal);
        return new[] { stem + ".gz", stem, dotted + ".gz", dotted }
            .Select(name => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    static string MissingFiles(string directory)
    {
        if (!Directory.Exists(directory))
            return "directory";
        return string.Join(", ", MnistStems.Where(stem => FindMnistFile(directory, stem) is null));
    }

    static DataSplit LoadMnistDirectory(string[] files, string name, IReadOnlyList<string>? classNames)
    {
        var train = IdxReader.ReadImages(files[0], files[1], $"{name}/train", classNames);
        try
        {
            return new DataSplit(train, IdxReader.ReadImages(files[2], files[3], $"{name}/test", classNames));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    static Dataset LoadFile(string path, CsvOptions csv)
    {
        var fileName = Path.GetFileName(path);
        if (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return CsvReader.Read(path, csv);
        if (IsIdxName(fileName))
        {
            var labels = LabelsFileFor(path);
            return IdxReader.ReadImages(path, labels, DatasetName(fileName));
        }
        throw new DataSourceException($"'{path}' is neither a .csv file nor an IDX file (.idx, .idx.gz, .gz, or an MNIST-style name ending in -ubyte).");
    }

    static Dataset LoadTestFile(string path, CsvOptions csv, Dataset train)
    {
        if (!File.Exists(path))
            throw new DataSourceException($"Test file '{path}' does not exist.");
        var test = LoadFile(path, csv);
        if (!test.SampleShape.SequenceEqual(train.SampleShape) || test.HasLabels != train.HasLabels)
        {
            var message = $"Test file '{path}' does not match the training data: samples [{string.Join(", ", test.SampleShape)}]{(test.HasLabels ? " with labels" : "")} versus [{string.Join(", ", train.SampleShape)}]{(train.HasLabels ? " with labels" : "")}.";
            test.Dispose();
            throw new DataFormatException(path, message);
        }
        return test;
    }

    static bool IsIdxName(string fileName) =>
        fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".idx", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith("-ubyte", StringComparison.OrdinalIgnoreCase)
        || fileName.Contains(".idx", StringComparison.OrdinalIgnoreCase);

    /// <summary>The labels file by MNIST naming (images→labels, idx3→idx1), or null if there is none.</summary>
    static string? LabelsFileFor(string imagesPath)
    {
        var fileName = Path.GetFileName(imagesPath);
        var labelsName = fileName.Replace("images", "labels", StringComparison.Ordinal).Replace("idx3", "idx1", StringComparison.Ordinal);
        if (labelsName == fileName)
            return null;
        var labelsPath = Path.Combine(Path.GetDirectoryName(imagesPath) ?? "", labelsName);
        return File.Exists(labelsPath) ? labelsPath : null;
    }

    static string DatasetName(string fileName)
    {
        foreach (var suffix in new[] { ".gz", ".idx", "-idx3-ubyte", ".idx3-ubyte", "-ubyte" })
        {
            if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && fileName.Length > suffix.Length)
                fileName = fileName[..^suffix.Length];
        }
        return fileName;
    }

    static bool LooksLikePath(string source) =>
        source.Contains('/') || source.Contains(Path.DirectorySeparatorChar) || Path.HasExtension(source);
}
