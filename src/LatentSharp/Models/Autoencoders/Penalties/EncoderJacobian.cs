using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Models.Autoencoders.Penalties;

/// <summary>
/// Exact squared Frobenius norms of an encoder's Jacobian, ‖J_f(x)‖²_F = Σ_k Σ_i (∂h_k/∂x_i)²,
/// per sample, by automatic differentiation. Works for any encoder (dense, convolutional, any
/// depth) whose samples do not interact (no batch normalisation).
/// </summary>
public static class EncoderJacobian
{
    /// <summary>
    /// Upper bound on the elements of one replicated input (units per chunk × batch × input size)
    /// for <see cref="JacobianMethod.Autograd"/>: 2²² floats, 16 MB. Larger chunks were no faster
    /// on CPU (bench/results/contractive-sparse.md).
    /// </summary>
    public const long ReplicatedElementBudget = 1L << 22;

    /// <summary>
    /// ‖J_f(x)‖²_F for each sample, <c>[B]</c>.
    /// </summary>
    /// <param name="encode">The encoder: <c>[N, ...input shape]</c> → <c>[N, K]</c>, samples independent.</param>
    /// <param name="input">Encoder inputs <c>[B, ...input shape]</c>; treated as constants (detached).</param>
    /// <param name="codeSize">K, the number of code units.</param>
    /// <param name="createGraph">
    /// Keep the graph of the derivatives so that the result can be differentiated again (its
    /// gradient reaches the encoder's weights: double backward). False returns a detached result.
    /// </param>
    /// <param name="perUnit">One backward pass per code unit instead of the replicated batch.</param>
    /// <param name="elementBudget">Largest replicated input, in elements (replicated method only).</param>
    public static Tensor SquaredFrobeniusNorms(Func<Tensor, Tensor> encode, Tensor input, long codeSize, bool createGraph,
        bool perUnit = false, long elementBudget = ReplicatedElementBudget)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(codeSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(elementBudget, 1);
        // Evaluation runs under no_grad; derivatives need the graph back on.
        using var grad = enable_grad();
        using var scope = NewDisposeScope();
        var result = perUnit ? PerUnit(encode, input, codeSize, createGraph) : Replicated(encode, input, codeSize, createGraph, elementBudget);
        return (createGraph ? result : result.detach()).MoveToOuterDisposeScope();
    }

    static Tensor Replicated(Func<Tensor, Tensor> encode, Tensor input, long codeSize, bool createGraph, long elementBudget)
    {
        long batch = input.shape[0];
        long sampleSize = input.numel() / Math.Max(batch, 1);
        long chunk = Math.Clamp(elementBudget / Math.Max(batch * sampleSize, 1), 1, codeSize);
        var constant = input.detach();
        var repeats = new long[input.dim()];
        Array.Fill(repeats, 1L);
        var total = zeros([batch], dtype: input.dtype, device: input.device);
        using var eye = torch.eye(codeSize, dtype: input.dtype, device: input.device);
        for (long first = 0; first < codeSize; first += chunk)
        {
            long units = Math.Min(chunk, codeSize - first);
            repeats[0] = units;
            // Replicate j of the batch carries the one-hot output gradient of unit first + j, so a
            // single backward pass returns row (first + j) of every sample's Jacobian.
            var x = constant.repeat(repeats).requires_grad_(true);
            var code = encode(x);
            var selector = eye.narrow(0, first, units).unsqueeze(1).expand(units, batch, codeSize).reshape(units * batch, codeSize);
            // retain_graph: the double-backward graph still needs the forward pass's saved tensors.
            var rows = torch.autograd.grad([code], [x], [selector], retain_graph: createGraph, create_graph: createGraph)[0];
            total = total + rows.reshape(units, batch, -1).square().sum([0, 2]);
        }
        return total;
    }

    static Tensor PerUnit(Func<Tensor, Tensor> encode, Tensor input, long codeSize, bool createGraph)
    {
        long batch = input.shape[0];
        var x = input.detach().requires_grad_(true);
        var code = encode(x);
        var total = zeros([batch], dtype: input.dtype, device: input.device);
        for (long k = 0; k < codeSize; k++)
        {
            // Samples are independent, so the gradient of Σ_b h_bk is row k of each sample's Jacobian.
            var row = torch.autograd.grad([code.select(1, k)], [x], [ones([batch], dtype: code.dtype, device: code.device)],
                retain_graph: true, create_graph: createGraph)[0];
            total = total + row.reshape(batch, -1).square().sum(1);
        }
        return total;
    }
}
