namespace LatentSharp.Models.PriorMatching;

/// <summary>The kernel of WAE-MMD's penalty.</summary>
public enum MmdKernelKind
{
    /// <summary>Inverse multiquadratic C / (C + ‖x − y‖²), the WAE paper's choice.</summary>
    Imq,
    /// <summary>Gaussian exp(−‖x − y‖² / (2C)).</summary>
    Rbf,
}
