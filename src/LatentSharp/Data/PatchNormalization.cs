namespace LatentSharp.Data;

/// <summary>How <see cref="ImagePatches"/> normalises sampled patches.</summary>
public enum PatchNormalization
{
    /// <summary>Raw gray levels in [0, 1].</summary>
    None,

    /// <summary>Each patch minus its own mean (removes the brightness, keeps the contrast).</summary>
    Center,

    /// <summary>Each patch minus its mean, divided by <c>√(variance + ε)</c> (brightness and contrast normalisation, Coates and Ng 2011).</summary>
    Contrast,

    /// <summary>
    /// Per-patch mean removal, then ZCA whitening with the training patches' covariance
    /// <c>W = U diag(1/√(s + ε)) Uᵀ</c>, ε the mean eigenvalue (flattens the 1/f power
    /// spectrum of natural images as Olshausen and Field's whitening filter does).
    /// </summary>
    Whiten,
}
