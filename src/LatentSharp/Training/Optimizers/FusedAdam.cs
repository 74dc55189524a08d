using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// Adam's update for float32 tensors in CPU memory as one pass over the memory: each element's
/// parameter, gradient and two moments are read once and written once. Done with libtorch
/// operations the same update takes six passes (and a copy of the gradients into one vector to
/// make them few), each a separate call that wakes the OpenMP threads; for a 1M-parameter MLP that
/// was a fifth of a training step (bench/RESULTS.md). Elementwise, so the result does not depend on
/// how the work is split between threads.
/// </summary>
internal static unsafe class FusedAdam
{
    /// <summary>The per-step constants: <c>m ← m + w₁(g − m)</c>, <c>v ← β₂v + (1 − β₂)g²</c>, <c>p ← p − s·m / (√v + ε)</c>, with <c>g = ∇ + λp</c>.</summary>
    internal readonly record struct Coefficients(float FirstMomentWeight, float Beta2, float OneMinusBeta2, float Epsilon, float StepSize, float WeightDecay);

    readonly record struct Segment(nint Parameter, nint Gradient, nint Mean, nint Variance, long Count);

    // Small enough that two workers share a 1M-parameter model evenly, large enough to amortise scheduling.
    const int ChunkElements = 32 * 1024;

    /// <summary>Whether <paramref name="tensor"/> can be updated here: float32, contiguous, in CPU memory.</summary>
    public static bool Supports(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32 && tensor.is_contiguous() && tensor.numel() * sizeof(float) <= int.MaxValue;

    /// <summary>Applies one Adam step to each (parameter, gradient, first moment, second moment), all <see cref="Supports"/>-ed and of equal sizes per entry.</summary>
    public static void Step(IReadOnlyList<(Tensor Parameter, Tensor Gradient, Tensor Mean, Tensor Variance)> updates, Coefficients coefficients, int workers)
    {
        var segments = new Segment[updates.Count];
        for (int i = 0; i < updates.Count; i++)
        {
            var (parameter, gradient, mean, variance) = updates[i];
            long count = parameter.numel();
            if (gradient.numel() != count || mean.numel() != count || variance.numel() != count)
                throw new ArgumentException($"Adam: parameter {i} has {count} elements but its gradient or moments differ in size.");
            segments[i] = new Segment(Address(parameter), Address(gradient), Address(mean), Address(variance), count);
        }
        var chunks = new List<(int Segment, long Start, int Length)>();
        for (int s = 0; s < segments.Length; s++)
            for (long start = 0; start < segments[s].Count; start += ChunkElements)
                chunks.Add((s, start, (int)Math.Min(ChunkElements, segments[s].Count - start)));

        void Run(int c)
        {
            var (s, start, length) = chunks[c];
            var segment = segments[s];
            Update((float*)segment.Parameter + start, (float*)segment.Gradient + start, (float*)segment.Mean + start, (float*)segment.Variance + start, length, coefficients);
        }
        if (workers <= 1 || chunks.Count == 1)
            for (int c = 0; c < chunks.Count; c++) Run(c);
        else
            Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, Run);
        foreach (var update in updates) MarkModified(update.Parameter);
    }

    // Writing through the pointer bypasses autograd's version counter, so a graph that saved the old
    // weights would silently back-propagate through the new ones. An in-place operation on an empty
    // view bumps the counter (shared with the view) at no cost, and autograd then refuses, as with torch.optim.
    static void MarkModified(Tensor parameter)
    {
        using var flat = parameter.view(-1);
        using var empty = flat.narrow(0, 0, 0);
        empty.zero_();
    }

    // The tensors outlive the step (the caller holds them) and libtorch's CPU memory does not move.
    static nint Address(Tensor tensor) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));

    // Compiled optimised at first call: tiered compilation would run the first steps unvectorised.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Update(float* parameter, float* gradient, float* mean, float* variance, int count, in Coefficients c)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w1 = new Vector<float>(c.FirstMomentWeight);
            var beta2 = new Vector<float>(c.Beta2);
            var oneMinusBeta2 = new Vector<float>(c.OneMinusBeta2);
            var epsilon = new Vector<float>(c.Epsilon);
            var stepSize = new Vector<float>(c.StepSize);
            var weightDecay = new Vector<float>(c.WeightDecay);
            for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
            {
                var p = Unsafe.ReadUnaligned<Vector<float>>(parameter + i);
                var g = Unsafe.ReadUnaligned<Vector<float>>(gradient + i);
                if (c.WeightDecay != 0) g += weightDecay * p;
                var m = Unsafe.ReadUnaligned<Vector<float>>(mean + i);
                m += w1 * (g - m);
                var v = beta2 * Unsafe.ReadUnaligned<Vector<float>>(variance + i) + oneMinusBeta2 * g * g;
                p -= stepSize * (m / (Vector.SquareRoot(v) + epsilon));
                Unsafe.WriteUnaligned(mean + i, m);
                Unsafe.WriteUnaligned(variance + i, v);
                Unsafe.WriteUnaligned(parameter + i, p);
            }
        }
        // The same operations in the same order as the vector loop, so every element gets the same bits either way.
        for (; i < count; i++)
        {
            float p = parameter[i], g = gradient[i];
            if (c.WeightDecay != 0) g += c.WeightDecay * p;
            float m = mean[i] + c.FirstMomentWeight * (g - mean[i]);
            float v = c.Beta2 * variance[i] + c.OneMinusBeta2 * g * g;
            mean[i] = m;
            variance[i] = v;
            parameter[i] = p - c.StepSize * (m / (MathF.Sqrt(v) + c.Epsilon));
        }
    }
}
