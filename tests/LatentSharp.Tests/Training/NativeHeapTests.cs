using System.Runtime.InteropServices;
using LatentSharp.Training;

namespace LatentSharp.Tests.Training;

public sealed class NativeHeapTests
{
    [Fact]
    public void The_allocator_is_tuned_when_the_library_loads_without_a_Trainer()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("LATENTSHARP_KEEP_MALLOC") == "1") return;
        // Touching any library type runs the module initializer; no Trainer.Fit is involved here.
        Assert.True(NativeHeap.Applied);
    }

    [Fact]
    public unsafe void A_large_block_comes_from_the_reusable_heap_not_from_fresh_mmap_pages()
    {
        if (!OperatingSystem.IsLinux() || !NativeHeap.Applied) return;
        // 24 MB: above glibc's default threshold (128 KB, raised only by freeing an mmapped block of
        // that size), below the tuned one (32 MB). glibc marks an mmapped chunk with bit 1 (IS_MMAPPED)
        // of the size word just before the pointer.
        nuint size = 24u << 20;
        void* block = NativeMemory.Alloc(size);
        try
        {
            long sizeWord = *((long*)block - 1);
            Assert.True((sizeWord & ~7L) >= (long)size, "not a glibc chunk header: the check cannot be made");
            Assert.Equal(0L, sizeWord & 2);
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }
}
