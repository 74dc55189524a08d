using LatentSharp.Models.Autoencoders;
using LatentSharp.Options;

namespace LatentSharp.Tests.Options;

public class OptionsTests
{
    [Fact]
    public void Every_catalogue_models_defaults_are_valid()
    {
        var refused = new List<string>();
        foreach (var model in LatentSharp.Models.ModelCatalog.All)
        {
            try { model.DefaultOptions().Validate(); }
            catch (InvalidOptionException e) { refused.Add($"{model.Name}: {e.Message}"); }
        }
        Assert.Empty(refused);
        Assert.Contains(LatentSharp.Models.ModelCatalog.All, m => m.OptionsType == typeof(AutoencoderOptions));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(11.0)]
    public void A_nonsense_learning_rate_is_refused_naming_the_field(double rate)
    {
        var e = Assert.Throws<InvalidOptionException>(() => (new AutoencoderOptions { LearningRate = rate }).Validate());
        Assert.Equal("LearningRate", e.Field);
        Assert.Contains("(0, 10]", e.Message);
    }

    [Fact]
    public void Layer_sizes_must_be_positive()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { HiddenSizes = [64, 0] }.Validate());
        Assert.Equal("HiddenSizes", e.Field);
        Assert.Throws<InvalidOptionException>(() => new ConvolutionalAutoencoderOptions { Channels = [] }.Validate());
        Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { CodeSize = 0 }.Validate());
    }

    [Fact]
    public void Bce_needs_a_sigmoid_output()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { Output = OutputActivation.Linear }.Validate());
        Assert.Equal("Loss", e.Field);
        new AutoencoderOptions { Output = OutputActivation.Linear, Loss = ReconstructionLoss.Mse }.Validate();
    }

    [Fact]
    public void Undefined_enum_values_are_refused() =>
        Assert.Throws<InvalidOptionException>(() => new AutoencoderOptions { Loss = (ReconstructionLoss)7 }.Validate());

    [Fact]
    public void Json_round_trips_and_refuses_unknown_fields()
    {
        var options = new ConvolutionalAutoencoderOptions { Channels = [8, 16, 32], CodeSize = 10, LearningRate = 3e-4, Activation = LatentSharp.Layers.ActivationKind.LeakyRelu };
        var json = OptionsJson.Serialize(options);
        Assert.Contains("leaky-relu", json);
        var back = (ConvolutionalAutoencoderOptions)OptionsJson.Deserialize(json, typeof(ConvolutionalAutoencoderOptions));
        Assert.Equal(options.Channels, back.Channels);
        Assert.Equal(json, OptionsJson.Serialize(back));
        Assert.Throws<FormatException>(() => OptionsJson.Deserialize("{\"codeSize\": 3, \"bogus\": 1}", typeof(AutoencoderOptions)));
        Assert.Throws<InvalidOptionException>(() => OptionsJson.Deserialize("{\"codeSize\": -3}", typeof(AutoencoderOptions)));
    }
}
