namespace LatentSharp.Models.PriorMatching;

/// <summary>The cost c(x, y) between a sample and its reconstruction, summed over the sample's values.</summary>
public enum ReconstructionCost
{
    /// <summary>‖x − y‖², the Wasserstein autoencoder's cost (y is the decoder's output after its activation).</summary>
    SquaredError,
    /// <summary>Binary cross-entropy of the sigmoid output (data in [0, 1]).</summary>
    Bce,
}
