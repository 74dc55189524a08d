using System.Runtime.InteropServices;

namespace LatentSharp.Training;

/// <summary>
/// glibc's allocator serves blocks above its (adaptive) mmap threshold with fresh mmap pages
/// and gives freed heap tops back to the OS; with TorchSharp every step's activations and
/// gradients (0.1–4 MB each) are then allocated from zeroed pages again: measured here, the
/// conv autoencoder's step spent ~3/4 of its CPU time in page faults (≈12k minor faults per step).
/// Fixing the thresholds lets freed tensor memory be reused. Once per process, Linux/glibc only;
/// set LATENTSHARP_KEEP_MALLOC=1 to leave the allocator alone.
/// </summary>
internal static class NativeHeap
{
    const int MTrimThreshold = -1, MMmapThreshold = -3;
    static int _done;

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    static extern int Mallopt(int parameter, int value);

    public static void KeepTensorMemoryMapped()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1 || !OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable("LATENTSHARP_KEEP_MALLOC") == "1") return;
        try
        {
            Mallopt(MMmapThreshold, 32 << 20);    // glibc's maximum: blocks up to 32 MB come from the reusable heap
            Mallopt(MTrimThreshold, 512 << 20);   // keep up to 512 MB of freed heap top instead of returning it
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc: nothing to tune
        }
    }
}
