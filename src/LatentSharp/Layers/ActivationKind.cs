namespace LatentSharp.Layers;

/// <summary>Elementwise non-linearities a network can use.</summary>
public enum ActivationKind
{
    /// <summary>max(0, x).</summary>
    Relu,
    /// <summary>max(0.01x, x).</summary>
    LeakyRelu,
    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,
    /// <summary>tanh(x).</summary>
    Tanh,
    /// <summary>Exponential linear unit.</summary>
    Elu,
    /// <summary>Gaussian error linear unit.</summary>
    Gelu,
    /// <summary>The identity (no non-linearity).</summary>
    Linear,
}
