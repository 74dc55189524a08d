using System.Runtime.InteropServices;

namespace LatentSharp.Bench;

/// <summary>
/// The process's native environment (libc's), which libtorch reads: on Linux .NET's Environment methods see only
/// the managed copy taken at start-up. For the timing experiments of native-convolution-check.
/// </summary>
static class NativeEnvironment
{
    [DllImport("libc.so.6", EntryPoint = "setenv")]
    static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc.so.6", EntryPoint = "getenv")]
    static extern IntPtr GetEnv(string name);

    public static void Set(string name, string value)
    {
        if (SetEnv(name, value, 1) != 0) throw new InvalidOperationException($"setenv({name}) failed");
    }

    public static string? Get(string name) => Marshal.PtrToStringAnsi(GetEnv(name));
}
