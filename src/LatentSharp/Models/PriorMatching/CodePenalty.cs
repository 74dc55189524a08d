namespace LatentSharp.Models.PriorMatching;

/// <summary>How a Wasserstein autoencoder measures the distance between q(z) and p(z).</summary>
public enum CodePenalty
{
    /// <summary>WAE-GAN: a code discriminator D_Z, the encoder's non-saturating loss −log σ(D_Z(z)).</summary>
    Gan,
    /// <summary>WAE-MMD: MMD² between the batch's codes and as many prior samples.</summary>
    Mmd,
}
