namespace LatentSharp.Training;

/// <summary>What <see cref="ConvolutionIsaLimit"/> did to the process's oneDNN instruction set.</summary>
public enum ConvolutionIsaState
{
    /// <summary>Not Linux x64: nothing done (see <see cref="ConvolutionIsaLimit"/>).</summary>
    NotApplicable,

    /// <summary>The library set <c>DNNL_MAX_CPU_ISA=AVX2</c> in the native environment.</summary>
    Limited,

    /// <summary>The user had set <c>DNNL_MAX_CPU_ISA</c> or <c>ONEDNN_MAX_CPU_ISA</c>; left as it is.</summary>
    UserChoice,

    /// <summary><c>LATENTSHARP_KEEP_CPU_ISA=1</c>: left to oneDNN.</summary>
    OptedOut,

    /// <summary>libc's <c>setenv</c> could not be called or refused.</summary>
    Failed,
}
