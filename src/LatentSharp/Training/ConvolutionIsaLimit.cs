using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LatentSharp.Training;

/// <summary>
/// Limits oneDNN, libtorch's CPU convolution library, to its AVX2 kernels for this process. libtorch 2.10
/// (TorchSharp 0.107) computes few-channel strided <c>conv_transpose2d</c> outputs and <c>conv2d</c> input
/// gradients wrongly on AVX-512 machines — relative errors of 0.08–0.27, now and then non-finite, on 20 of 91
/// shapes of <c>LatentSharp.Bench native-convolution-check</c>, and none under <c>DNNL_MAX_CPU_ISA=AVX2</c>
/// (bench/results/dcgan.md). oneDNN reads that variable from the native environment when it first needs its
/// CPU's instruction set (its first primitive), and on Linux .NET's <c>Environment.SetEnvironmentVariable</c>
/// only changes the managed copy, so libc's <c>setenv</c> is called — once per process, when the library loads
/// (a module initializer, as for <see cref="NativeHeap"/>). The limit therefore holds for convolutions run after
/// the process first touches a LatentSharp type; a program that runs TorchSharp convolutions before that calls
/// <see cref="Apply"/> first (or sets the variable itself).
/// Linux x64 only. A user's own <c>DNNL_MAX_CPU_ISA</c> or <c>ONEDNN_MAX_CPU_ISA</c> is left as it is, and
/// <c>LATENTSHARP_KEEP_CPU_ISA=1</c> leaves oneDNN alone (its fastest kernels, wrong on those shapes).
/// </summary>
public static class ConvolutionIsaLimit
{
    /// <summary>The variable oneDNN reads (its older name; newer oneDNN also reads <c>ONEDNN_MAX_CPU_ISA</c> first).</summary>
    public const string Variable = "DNNL_MAX_CPU_ISA";

    /// <summary>The limit set: oneDNN's AVX2 kernels (right on every checked shape, bench/results/dcgan.md).</summary>
    public const string Isa = "AVX2";

    /// <summary>Set to 1 to keep oneDNN's own choice of instruction set.</summary>
    public const string OptOutVariable = "LATENTSHARP_KEEP_CPU_ISA";

    static int _done;

    /// <summary>What the library did to this process's oneDNN instruction set.</summary>
    public static ConvolutionIsaState State { get; private set; } = ConvolutionIsaState.NotApplicable;

    [DllImport("libc.so.6", EntryPoint = "setenv")]
    static extern int SetNativeEnvironment(string name, string value, int overwrite);

    /// <summary>
    /// Sets the limit unless the user chose otherwise; idempotent. Runs by itself when the library loads; call it
    /// only if the process may run a convolution before it first touches a LatentSharp type.
    /// </summary>
    // CA2255 warns that module initializers are for the library's own state: the process's oneDNN setting is exactly that here.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
        State = Decide(Environment.GetEnvironmentVariable);
        if (State != ConvolutionIsaState.Limited) return;
        try
        {
            // overwrite 0: should the native environment hold the variable where the managed copy does not, it wins.
            if (SetNativeEnvironment(Variable, Isa, overwrite: 0) != 0) State = ConvolutionIsaState.Failed;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            State = ConvolutionIsaState.Failed;   // not glibc: the user can still set the variable before starting the process
        }
    }

    /// <summary>The decision alone, from the process environment as <paramref name="environment"/> reads it.</summary>
    internal static ConvolutionIsaState Decide(Func<string, string?> environment)
    {
        if (environment(OptOutVariable) == "1") return ConvolutionIsaState.OptedOut;
        if (!string.IsNullOrEmpty(environment(Variable)) || !string.IsNullOrEmpty(environment("ONEDNN_MAX_CPU_ISA")))
            return ConvolutionIsaState.UserChoice;
        return ConvolutionIsaState.Limited;
    }
}
