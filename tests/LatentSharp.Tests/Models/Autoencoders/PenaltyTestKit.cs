using LatentSharp.Models.Autoencoders.Penalties;
using TorchSharp;
using static TorchSharp.torch;

namespace LatentSharp.Tests.Models.Autoencoders;

/// <summary>Tiny float64 encoders and finite differences for checking penalties.</summary>
internal static class PenaltyTestKit
{
    /// <summary>Moves <paramref name="module"/> to float64 and redraws every parameter from a seeded generator.</summary>
    public static T Float64<T>(T module, long seed, double scale = 0.6) where T : nn.Module
    {
        module.to(ScalarType.Float64);
        using var generator = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var p in module.parameters())
            p.copy_(randn(p.shape, dtype: ScalarType.Float64, generator: generator) * scale);
        return module;
    }

    public static PenaltyInput InputFor(nn.Module<Tensor, Tensor> encoder, Tensor x) =>
        new(x, encoder.call(x), v => encoder.call(v), encoder);

    /// <summary>Σ_b ‖J_f(x_b)‖²_F / B by central differences on every input element.</summary>
    public static double FiniteDifferenceSquaredNorm(Func<Tensor, Tensor> encode, Tensor x, double step = 1e-5)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long batch = x.shape[0];
        var flat = x.reshape(batch, -1);
        long size = flat.shape[1];
        var total = 0.0;
        for (long i = 0; i < size; i++)
        {
            var delta = zeros_like(flat);
            delta[.., i] = step;
            var plus = encode((flat + delta).reshape(x.shape));
            var minus = encode((flat - delta).reshape(x.shape));
            // Column i of every sample's Jacobian; samples do not interact.
            total += ((plus - minus) / (2 * step)).square().sum().item<double>();
        }
        return total / batch;
    }

    /// <summary>d value / d p[index] by central differences, nudging the parameter in place.</summary>
    public static double FiniteDifferenceGradient(Func<double> value, Tensor parameter, long[] index, double step = 1e-5)
    {
        var element = parameter.detach().view(-1)[Flat(parameter, index)];
        using (no_grad()) element.add_(step);
        double plus = value();
        using (no_grad()) element.add_(-2 * step);
        double minus = value();
        using (no_grad()) element.add_(step);
        return (plus - minus) / (2 * step);
    }

    static long Flat(Tensor t, long[] index)
    {
        long flat = 0;
        for (int d = 0; d < index.Length; d++) flat = flat * t.shape[d] + index[d];
        return flat;
    }
}
