using System.Globalization;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Data;

/// <summary>
/// Random square patches of photographs, the usual data of sparse coding of natural images
/// (Olshausen and Field 1996). Photographs (PNG, JPEG, BMP, GIF, WebP) are read as grayscale in
/// [0, 1] (luma 0.2125 R + 0.7154 G + 0.0721 B, as scikit-image's <c>rgb2gray</c>); patch positions
/// are drawn uniformly over every valid position of every image with a seeded generator. Training
/// patches come from the top four fifths of each image and held-out patches from the bottom fifth,
/// so no held-out patch overlaps a training one. Labels are the index of the source photograph.
/// </summary>
public static class ImagePatches
{
    /// <summary>The data-source prefix: <c>image-patches:&lt;file or folder&gt;[,key=value...]</c>.</summary>
    public const string Prefix = "image-patches:";

    /// <summary>Share of every image's height (from the top) that training patches are drawn from.</summary>
    public const double TrainShare = 0.8;

    static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Whether <paramref name="source"/> is an image-patches spec.</summary>
    public static bool IsSpec(string? source) => source is not null && source.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a spec such as <c>image-patches:photos/,size=12,count=50000,test=2000,seed=1,normalize=whiten</c>
    /// (keys optional, in any order; see <see cref="ImagePatchOptions"/>).
    /// </summary>
    /// <exception cref="DataSourceException">Unknown key, malformed value or missing path.</exception>
    public static (string Path, ImagePatchOptions Options) ParseSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!IsSpec(spec)) throw new DataSourceException($"'{spec}' is not an image-patches source; it must start with '{Prefix}'.");
        var parts = spec[Prefix.Length..].Split(',');
        // Trailing key=value parts are options; everything before them is the path (which may hold commas).
        int first = parts.Length;
        while (first > 1 && parts[first - 1].Contains('=') && !parts[first - 1].Contains('/')) first--;
        var path = string.Join(',', parts[..first]).Trim();
        if (path.Length == 0) throw new DataSourceException($"'{spec}' names no image file or folder after '{Prefix}'.");
        var options = new ImagePatchOptions();
        foreach (var part in parts[first..])
        {
            var (key, value) = (part[..part.IndexOf('=')].Trim().ToLowerInvariant(), part[(part.IndexOf('=') + 1)..].Trim());
            options = key switch
            {
                "size" => options with { PatchSize = ParseInt(key, value) },
                "count" => options with { Count = ParseInt(key, value) },
                "test" => options with { TestCount = ParseInt(key, value) },
                "seed" => options with { Seed = ParseInt(key, value) },
                "normalize" or "normalise" => options with
                {
                    Normalization = Enum.TryParse<PatchNormalization>(value, ignoreCase: true, out var n) && Enum.IsDefined(n) && !int.TryParse(value, out _)
                        ? n : throw new DataSourceException($"Unknown patch normalisation '{value}' in '{spec}'; use none, center, contrast or whiten."),
                },
                _ => throw new DataSourceException($"Unknown image-patches key '{key}' in '{spec}'; keys: size, count, test, seed, normalize."),
            };
        }
        options.Validate();
        return (path, options);
    }

    static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result : throw new DataSourceException($"image-patches key '{key}' needs an integer; got '{value}'.");

    /// <summary>Resolves a spec (see <see cref="ParseSpec"/>) to training and held-out patches.</summary>
    public static DataSplit Load(string spec)
    {
        var (path, options) = ParseSpec(spec);
        return Sample(FindImages(path), options);
    }

    /// <summary>The photographs a path names: the file itself, or a folder's image files sorted by name (not recursive).</summary>
    /// <exception cref="DataSourceException">The path does not exist or the folder holds no images.</exception>
    public static IReadOnlyList<string> FindImages(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new DataSourceException($"Image file or folder '{path}' does not exist.");
        var files = Directory.EnumerateFiles(path)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files
            : throw new DataSourceException($"Folder '{path}' holds no images ({string.Join(", ", Extensions)}).");
    }

    /// <summary>Reads a photograph as grayscale <c>[H, W]</c> float32 in [0, 1].</summary>
    /// <exception cref="DataFormatException">The file is not an image SkiaSharp can decode.</exception>
    public static Tensor ReadGrayscale(string file)
    {
        using var decoded = SKBitmap.Decode(file) ?? throw new DataFormatException(file, "not an image that can be decoded (PNG, JPEG, BMP, GIF, WebP).");
        using var bitmap = decoded.ColorType == SKColorType.Rgba8888 ? decoded.Copy() : decoded.Copy(SKColorType.Rgba8888);
        if (bitmap is null) throw new DataFormatException(file, "its pixels cannot be converted to RGBA.");
        var bytes = bitmap.Bytes;
        int height = bitmap.Height, width = bitmap.Width, rowBytes = bitmap.RowBytes;
        var gray = new float[height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int o = y * rowBytes + 4 * x;
                gray[y * width + x] = (0.2125f * bytes[o] + 0.7154f * bytes[o + 1] + 0.0721f * bytes[o + 2]) / 255f;
            }
        return tensor(gray, [height, width]);
    }

    /// <summary>
    /// Samples <see cref="ImagePatchOptions.Count"/> training and <see cref="ImagePatchOptions.TestCount"/>
    /// held-out patches <c>[N, 1, p, p]</c> from <paramref name="files"/> and normalises them (the
    /// whitening matrix is estimated on the training patches and applied to both).
    /// </summary>
    /// <exception cref="DataSourceException">No image is large enough for the patch size.</exception>
    public static DataSplit Sample(IReadOnlyList<string> files, ImagePatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (files.Count == 0) throw new DataSourceException("No image files were given.");
        using var scope = NewDisposeScope();
        var images = files.Select(ReadGrayscale).ToList();
        using var generator = new Generator((ulong)options.Seed);
        var names = files.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        var (train, trainLabels) = Draw(images, options.PatchSize, options.Count, generator, test: false, files);
        var (test, testLabels) = Draw(images, options.PatchSize, options.TestCount, generator, test: true, files);
        (train, test) = Normalize(train, test, options.Normalization);
        long p = options.PatchSize;
        var trainSet = new Dataset("image-patches/train", train.reshape(-1, 1, p, p).contiguous().MoveToOuterDisposeScope(), trainLabels.MoveToOuterDisposeScope(), names);
        var testSet = options.TestCount == 0 ? null
            : new Dataset("image-patches/test", test.reshape(-1, 1, p, p).contiguous().MoveToOuterDisposeScope(), testLabels.MoveToOuterDisposeScope(), names);
        return new DataSplit(trainSet, testSet);
    }

    /// <summary>Patches <c>[n, p²]</c> and their image indices, from the training (top) or held-out (bottom) region of every image.</summary>
    static (Tensor Patches, Tensor Labels) Draw(List<Tensor> images, int p, int count, Generator generator, bool test, IReadOnlyList<string> files)
    {
        // Region of each image: rows [top, bottom) and its number of valid top-left positions.
        var regions = images.Select(image =>
        {
            long h = image.shape[0], w = image.shape[1], split = (long)Math.Floor(h * TrainShare);
            var (top, bottom) = test ? (split, h) : (0L, split);
            long rows = bottom - top - p + 1, cols = w - p + 1;
            return (Top: top, Rows: Math.Max(0, rows), Cols: Math.Max(0, cols));
        }).ToList();
        var weights = regions.Select(r => (double)(r.Rows * r.Cols)).ToArray();
        if (count == 0) return (zeros(0, p * p), zeros(0, dtype: ScalarType.Int64));
        if (weights.All(w => w == 0))
            throw new DataSourceException($"No image is large enough for {p}×{p} {(test ? "held-out" : "training")} patches (the {(test ? "bottom fifth" : "top four fifths")} of each image must be at least {p} pixels tall): {string.Join(", ", files)}.");
        var picks = multinomial(tensor(weights), count, replacement: true, generator: generator);
        var patches = new List<Tensor>();
        var labels = new List<Tensor>();
        for (int i = 0; i < images.Count; i++)
        {
            var mine = picks.eq(i).nonzero().flatten();
            long n = mine.shape[0];
            if (n == 0) continue;
            var (topRow, rows, cols) = regions[i];
            long width = images[i].shape[1];
            var r = rand(n, generator: generator, dtype: ScalarType.Float64).mul_(rows).floor_().to(ScalarType.Int64).add_(topRow);
            var c = rand(n, generator: generator, dtype: ScalarType.Float64).mul_(cols).floor_().to(ScalarType.Int64);
            var within = (arange(p).unsqueeze(1) * width + arange(p).unsqueeze(0)).flatten();        // [p²]
            var index = (r * width + c).unsqueeze(1) + within.unsqueeze(0);                             // [n, p²]
            patches.Add(images[i].flatten().take(index));
            labels.Add(full(n, (long)i, dtype: ScalarType.Int64));
        }
        // Keep the draw order (positions grouped by image) but shuffle deterministically so batches mix images.
        var all = cat(patches, 0);
        var allLabels = cat(labels, 0);
        var order = randperm(all.shape[0], generator: generator);
        return (all.index_select(0, order), allLabels.index_select(0, order));
    }

    static (Tensor Train, Tensor Test) Normalize(Tensor train, Tensor test, PatchNormalization normalization)
    {
        if (normalization == PatchNormalization.None) return (train, test);
        train = train - train.mean([1], keepdim: true);
        test = test - test.mean([1], keepdim: true);
        switch (normalization)
        {
            case PatchNormalization.Contrast:
                const double contrastEpsilon = 1e-3; // ≈ Coates and Ng's 10 on a 0–255 scale, a little larger so flat patches stay flat
                return (train / (train.var(1, keepdim: true) + contrastEpsilon).sqrt(), test / (test.var(1, keepdim: true) + contrastEpsilon).sqrt());
            case PatchNormalization.Whiten:
                var x = train.to(ScalarType.Float64);
                var covariance = x.t().mm(x).div_(x.shape[0]);
                var (values, vectors) = linalg.eigh(covariance);
                var epsilon = values.clamp_min(0).mean().ToDouble();
                var zca = vectors.mm(diag(values.clamp_min(0).add(epsilon).rsqrt())).mm(vectors.t()).to(ScalarType.Float32);
                return (train.mm(zca), test.mm(zca));
            default:
                return (train, test);
        }
    }
}
