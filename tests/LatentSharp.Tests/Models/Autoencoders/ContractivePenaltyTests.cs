using LatentSharp.Data;
using LatentSharp.Evaluation;
using LatentSharp.Layers;
using LatentSharp.Models;
using LatentSharp.Models.Autoencoders;
using LatentSharp.Models.Autoencoders.Penalties;
using LatentSharp.Training;
using TorchSharp;
using static TorchSharp.torch;
using static LatentSharp.Tests.Models.Autoencoders.PenaltyTestKit;

namespace LatentSharp.Tests.Models.Autoencoders;

[Collection(JacobianCollection.Name)]
public class ContractivePenaltyTests
{
    static nn.Module<Tensor, Tensor> TwoLayerDense(long seed) =>
        Float64(nn.Sequential(nn.Flatten(), Mlp.Build(6, [5, 3], ActivationKind.Tanh, ActivationKind.Sigmoid)), seed);

    static nn.Module<Tensor, Tensor> OneLayer(ActivationKind code, long seed) =>
        Float64(nn.Sequential(nn.Flatten(), Mlp.Build(7, [4], ActivationKind.Relu, code)), seed);

    static nn.Module<Tensor, Tensor> Convolutional(long seed) =>
        Float64(ConvolutionalStacks.Encoder([1, 5, 6], [2, 3], 3, 2, 4, ActivationKind.Tanh, ActivationKind.Sigmoid), seed, scale: 0.8);

    static Tensor Inputs(params long[] shape) => rand(shape, dtype: ScalarType.Float64, generator: new Generator(11));

    [Theory]
    [InlineData(JacobianMethod.Autograd)]
    [InlineData(JacobianMethod.AutogradPerUnit)]
    public void Exact_penalty_matches_finite_differences_for_a_two_layer_dense_encoder(JacobianMethod method)
    {
        using var encoder = TwoLayerDense(1);
        using var x = Inputs(4, 6);
        var expected = FiniteDifferenceSquaredNorm(encoder.call, x);
        using var value = new ContractivePenalty(0.5, method).Compute(InputFor(encoder, x));
        Assert.Equal(0.5 * expected, value.item<double>(), 1e-8);
        Assert.True(expected > 1e-3, $"a vanishing Jacobian would make the test vacuous: {expected}");
    }

    [Theory]
    [InlineData(JacobianMethod.Autograd)]
    [InlineData(JacobianMethod.AutogradPerUnit)]
    public void Exact_penalty_matches_finite_differences_for_a_convolutional_encoder(JacobianMethod method)
    {
        using var encoder = Convolutional(2);
        using var x = Inputs(3, 1, 5, 6);
        var expected = FiniteDifferenceSquaredNorm(encoder.call, x);
        using var norms = new ContractivePenalty(1, method).SquaredNorms(InputFor(encoder, x));
        Assert.Equal(new long[] { 3 }, norms.shape);
        Assert.Equal(expected, norms.mean().item<double>(), 1e-8);
        Assert.True(expected > 1e-3, $"a vanishing Jacobian would make the test vacuous: {expected}");
    }

    [Theory]
    [InlineData(ActivationKind.Sigmoid, JacobianMethod.SigmoidClosedForm)]
    [InlineData(ActivationKind.Tanh, JacobianMethod.TanhClosedForm)]
    public void Closed_form_matches_finite_differences_and_autograd_sample_by_sample(ActivationKind activation, JacobianMethod closedForm)
    {
        using var encoder = OneLayer(activation, 3);
        using var x = Inputs(5, 7);
        var input = InputFor(encoder, x);
        using var closed = new ContractivePenalty(1, closedForm).SquaredNorms(input);
        using var exact = new ContractivePenalty(1, JacobianMethod.Autograd).SquaredNorms(input);
        Assert.True(closed.allclose(exact, rtol: 1e-10, atol: 1e-12), $"{closed.str()} vs {exact.str()}");
        Assert.Equal(FiniteDifferenceSquaredNorm(encoder.call, x), closed.mean().item<double>(), 1e-8);
    }

    [Theory]
    [InlineData(JacobianMethod.Autograd)]
    [InlineData(JacobianMethod.AutogradPerUnit)]
    [InlineData(JacobianMethod.SigmoidClosedForm)]
    public void Gradient_of_the_penalty_reaches_the_weights_and_matches_finite_differences(JacobianMethod method)
    {
        using var encoder = method == JacobianMethod.SigmoidClosedForm ? OneLayer(ActivationKind.Sigmoid, 4) : TwoLayerDense(4);
        using var x = Inputs(4, method == JacobianMethod.SigmoidClosedForm ? 7 : 6);
        var penalty = new ContractivePenalty(0.7, method);
        encoder.zero_grad();
        penalty.Compute(InputFor(encoder, x)).backward();
        double Value()
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return penalty.Compute(InputFor(encoder, x)).item<double>();
        }
        var parameters = encoder.named_parameters().ToList();
        Assert.Equal(method == JacobianMethod.SigmoidClosedForm ? 2 : 4, parameters.Count);
        foreach (var (name, p) in parameters)
        {
            // A few entries of every weight and bias, the first layer's included (double backward).
            long[][] picks = p.dim() == 2 ? [[0, 0], [p.shape[0] - 1, 1], [1, p.shape[1] - 1]] : [[0], [p.shape[0] - 1]];
            foreach (var index in picks)
            {
                double analytic = p.grad!.view(-1)[index.Length == 2 ? index[0] * p.shape[1] + index[1] : index[0]].item<double>();
                double numeric = FiniteDifferenceGradient(Value, p, index);
                Assert.True(Math.Abs(analytic - numeric) < 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{name}[{string.Join(",", index)}]: {analytic} vs {numeric}");
            }
            Assert.True(p.grad!.abs().max().item<double>() > 1e-6, $"{name} got no gradient");
        }
    }

    [Fact]
    public void Closed_form_refuses_an_encoder_with_hidden_layers()
    {
        using var encoder = TwoLayerDense(5);
        using var x = Inputs(2, 6);
        var e = Assert.Throws<InvalidOperationException>(() => new ContractivePenalty(1, JacobianMethod.SigmoidClosedForm).Compute(InputFor(encoder, x)));
        Assert.Contains("one-layer", e.Message);
    }

    [Theory]
    [InlineData(new int[0], ActivationKind.Sigmoid, JacobianMethod.SigmoidClosedForm)]
    [InlineData(new int[0], ActivationKind.Tanh, JacobianMethod.TanhClosedForm)]
    [InlineData(new int[0], ActivationKind.Relu, JacobianMethod.Autograd)]
    [InlineData(new[] { 8 }, ActivationKind.Sigmoid, JacobianMethod.Autograd)]
    public void The_autoencoder_picks_the_closed_form_when_it_applies(int[] hidden, ActivationKind code, JacobianMethod expected)
    {
        using var model = (Autoencoder)ModelCatalog.Create("autoencoder",
            new AutoencoderOptions { HiddenSizes = hidden, CodeSize = 3, CodeActivation = code, ContractiveWeight = 0.1 }, [9], CPU, 1);
        var penalty = Assert.IsType<ContractivePenalty>(Assert.Single(model.Penalties));
        Assert.Equal(expected, penalty.Method);
        Assert.Equal(0.1, penalty.Weight);
        using var conv = (Autoencoder)ModelCatalog.Create("conv-autoencoder",
            new ConvolutionalAutoencoderOptions { Channels = [2], CodeSize = 3, CodeActivation = code, ContractiveWeight = 0.1 }, [1, 4, 4], CPU, 1);
        Assert.Equal(JacobianMethod.Autograd, Assert.IsType<ContractivePenalty>(Assert.Single(conv.Penalties)).Method);
        using var plain = (Autoencoder)ModelCatalog.Create("autoencoder", new AutoencoderOptions { HiddenSizes = hidden, CodeSize = 3 }, [9], CPU, 1);
        Assert.Empty(plain.Penalties);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 6 })]
    public void Evaluate_reports_the_weighted_penalty_at_clean_inputs(int[] hidden)
    {
        using var data = TestData.LowRankImages(20, side: 4);
        using var model = (Autoencoder)ModelCatalog.Create("autoencoder",
            new AutoencoderOptions { HiddenSizes = hidden, CodeSize = 3, CodeActivation = ActivationKind.Sigmoid, ContractiveWeight = 2 }, [1, 4, 4], CPU, 1);
        using var generator = new Generator(0);
        var metrics = model.Evaluate(data, new TrainingContext(generator, 8));
        using var norms = model.EncoderJacobianSquaredNorms(data.Features);
        Assert.Equal(2 * norms.mean().item<float>(), metrics["contractive"], 4);
        Assert.Equal(metrics["recon"] + metrics["contractive"], metrics["loss"], 3);
        Assert.True(metrics["contractive"] > 0);
    }

    [Fact]
    public void Training_with_the_penalty_makes_the_encoder_more_contractive()
    {
        using var data = TestData.LowRankImages(256);
        double MeanNorm(double weight)
        {
            using var model = (Autoencoder)ModelCatalog.Create("autoencoder", new AutoencoderOptions
            {
                HiddenSizes = [], CodeSize = 8, CodeActivation = ActivationKind.Sigmoid, ContractiveWeight = weight, LearningRate = 3e-3,
            }, [1, 8, 8], CPU, 1);
            new Trainer(new TrainerOptions { Epochs = 8, BatchSize = 32 }).Fit(model, data);
            return CodeStatistics.MeanJacobianNorm(model, data);
        }
        double plain = MeanNorm(0), contractive = MeanNorm(20);
        Assert.True(contractive < 0.7 * plain, $"plain {plain}, contractive {contractive}");
    }
}
