// Measurement programs, one per part: dotnet run --project bench/LatentSharp.Experiments -c Release -- <experiment> [options]
using LatentSharp.Experiments;

var experiments = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["contractive-sparse"] = ContractiveSparseExperiment.Run,
    ["psd"] = PsdExperiment.Run,
};
if (args.Length == 0 || !experiments.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: <experiment> [options]; experiments: {string.Join(", ", experiments.Keys)}");
    return 2;
}
return run(args[1..]);
