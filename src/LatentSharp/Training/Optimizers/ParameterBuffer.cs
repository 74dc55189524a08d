using System.Runtime.CompilerServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentSharp.Training.Optimizers;

/// <summary>
/// Lays a network's parameters back to back in one buffer per dtype and device, each parameter a
/// view of its slice. An optimiser over a consecutive run of them can then update all at once:
/// Adam becomes six operations over one long vector instead of six per parameter. That matters on
/// CPU, where each operation pays a parallel-region start-up (two OpenMP threads waking), which
/// for a 1M-parameter MLP cost more than the arithmetic (bench/RESULTS.md). (Adam on float32 CPU
/// tensors goes further, one pass per element in <see cref="FusedAdam"/>, and does not need the
/// shared buffer; SGD and other devices and dtypes do.)
/// </summary>
public static class ParameterBuffer
{
    sealed record Placement(Tensor Buffer, long Offset);

    // Keyed by the module's own Parameter objects (named_parameters returns the same objects every
    // time), so an optimiser built later over any of them can find where they live.
    static readonly ConditionalWeakTable<Parameter, Placement> Placements = new();

    /// <summary>
    /// Moves every parameter of <paramref name="network"/> into shared buffers (values unchanged).
    /// Call once, after the network is on its device and before optimisers are built; moving the
    /// network to another device afterwards gives its parameters new storage and the optimisers
    /// fall back to one update per parameter.
    /// </summary>
    public static void Consolidate(nn.Module network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var noGrad = no_grad();
        var groups = network.parameters()
            .Where(p => !Placements.TryGetValue(p, out _) && p.is_contiguous())
            .GroupBy(p => (p.dtype, p.device_type, p.device_index));
        foreach (var group in groups)
        {
            var parameters = group.ToArray();
            var buffer = empty(parameters.Sum(p => p.numel()), dtype: parameters[0].dtype, device: parameters[0].device).DetachFromDisposeScope();
            long offset = 0;
            foreach (var parameter in parameters)
            {
                long count = parameter.numel();
                using var slice = buffer.narrow(0, offset, count).view(parameter.shape);
                slice.copy_(parameter);
                parameter.set_(slice);
                Placements.Add(parameter, new Placement(buffer, offset));
                offset += count;
            }
        }
    }

    /// <summary>
    /// A view of the one buffer holding <paramref name="parameters"/>, when they were consolidated
    /// and lie back to back in the order given; otherwise null.
    /// </summary>
    public static Tensor? Covering(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0 || !Placements.TryGetValue(parameters[0], out var first)) return null;
        long next = first.Offset;
        foreach (var parameter in parameters)
        {
            if (!Placements.TryGetValue(parameter, out var placement) || !ReferenceEquals(placement.Buffer, first.Buffer) || placement.Offset != next)
                return null;
            next += parameter.numel();
        }
        return first.Buffer.narrow(0, first.Offset, next - first.Offset);
    }
}
