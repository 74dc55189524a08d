if (args.Length > 0 && args[0] == "sparse-coding") { LatentSharp.Bench.SparseCodingBench.Run(args[1..]); return; }
Console.WriteLine("bench: see bench/README");
