namespace LatentSharp.Models.Autoencoders.Penalties;

/// <summary>How <see cref="ContractivePenalty"/> computes ‖J_f(x)‖²_F.</summary>
public enum JacobianMethod
{
    /// <summary>
    /// Exact, any encoder: the batch is replicated once per code unit (in chunks bounded in
    /// memory) and one backward pass with one-hot output gradients returns every Jacobian row.
    /// </summary>
    Autograd,

    /// <summary>
    /// Exact, any encoder: one forward pass, then one vector-Jacobian product per code unit
    /// (K backward passes). Slower than <see cref="Autograd"/> on CPU; kept for comparison.
    /// </summary>
    AutogradPerUnit,

    /// <summary>
    /// Closed form for a one-layer encoder h = σ(Wx + b): ‖J‖²_F = Σ_k (h_k(1−h_k))² Σ_i W_ki².
    /// </summary>
    SigmoidClosedForm,

    /// <summary>
    /// Closed form for a one-layer encoder h = tanh(Wx + b): ‖J‖²_F = Σ_k (1−h_k²)² Σ_i W_ki².
    /// </summary>
    TanhClosedForm,
}
