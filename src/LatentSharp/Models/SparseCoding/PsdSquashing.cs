namespace LatentSharp.Models.SparseCoding;

/// <summary>The squashing σ of the PSD encoder <c>F(x) = σ(Wx + b)</c>.</summary>
public enum PsdSquashing
{
    /// <summary><c>g ⊙ tanh(Wx + b)</c> with a learned gain g per code unit, as in Kavukcuoglu et al. (2009).</summary>
    Tanh,

    /// <summary>
    /// Soft shrinkage <c>sign(u)·max(|u| − θ, 0)</c>, <c>u = Wx + b</c>, with a learned threshold θ per unit:
    /// the encoder's codes have exact zeros, like the lasso's (the first step of LISTA, Gregor and LeCun 2010).
    /// </summary>
    Shrink,

    /// <summary><c>Wx + b</c>, no squashing.</summary>
    Linear,
}
