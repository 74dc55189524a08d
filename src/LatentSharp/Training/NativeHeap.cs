using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LatentSharp.Training;

/// <summary>
/// glibc's allocator serves blocks above its (adaptive) mmap threshold with fresh mmap pages
/// and gives freed heap tops back to the OS; with TorchSharp every step's activations and
/// gradients (0.1–4 MB each) are then allocated from zeroed pages again: measured here, the
/// conv autoencoder's step spent ~3/4 of its CPU time in page faults (≈12k minor faults per step),
/// and a linear probe outside the Trainer spent 4× more system time than user time.
/// Fixing the thresholds lets freed tensor memory be reused. Applied once per process when the
/// library is loaded (so every computation gets it, not only <see cref="Trainer.Fit"/>), Linux/glibc
/// only; set LATENTSHARP_KEEP_MALLOC=1 to leave the allocator alone.
/// </summary>
internal static class NativeHeap
{
    const int MTrimThreshold = -1, MMmapThreshold = -3;

    /// <summary>The largest block glibc serves from the reusable heap once tuned (its maximum).</summary>
    internal const int MmapThresholdBytes = 32 << 20;

    static int _done;

    /// <summary>Whether this process's allocator was tuned (false off glibc or when opted out).</summary>
    internal static bool Applied { get; private set; }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    static extern int Mallopt(int parameter, int value);

    // CA2255 warns that module initializers are for the library's own state: the allocator is exactly that here.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void KeepTensorMemoryMapped()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1 || !OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable("LATENTSHARP_KEEP_MALLOC") == "1") return;
        try
        {
            Applied = Mallopt(MMmapThreshold, MmapThresholdBytes) == 1  // blocks up to 32 MB come from the reusable heap
                      & Mallopt(MTrimThreshold, 512 << 20) == 1;        // keep up to 512 MB of freed heap top instead of returning it
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc: nothing to tune
        }
    }
}
