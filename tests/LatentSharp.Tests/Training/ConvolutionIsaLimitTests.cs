using System.Runtime.InteropServices;
using LatentSharp.Training;

namespace LatentSharp.Tests.Training;

public sealed class ConvolutionIsaLimitTests
{
    static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_limit_is_set_unless_the_user_chose_an_instruction_set_or_opted_out()
    {
        Assert.Equal(ConvolutionIsaState.Limited, ConvolutionIsaLimit.Decide(Environment()));
        Assert.Equal(ConvolutionIsaState.Limited, ConvolutionIsaLimit.Decide(Environment(("LATENTSHARP_KEEP_CPU_ISA", "0"))));
        Assert.Equal(ConvolutionIsaState.UserChoice, ConvolutionIsaLimit.Decide(Environment(("DNNL_MAX_CPU_ISA", "AVX512_CORE"))));
        Assert.Equal(ConvolutionIsaState.UserChoice, ConvolutionIsaLimit.Decide(Environment(("ONEDNN_MAX_CPU_ISA", "SSE41"))));
        Assert.Equal(ConvolutionIsaState.OptedOut, ConvolutionIsaLimit.Decide(Environment(("LATENTSHARP_KEEP_CPU_ISA", "1"), ("DNNL_MAX_CPU_ISA", "AVX2"))));
    }

    [DllImport("libc.so.6", EntryPoint = "getenv")]
    static extern IntPtr NativeGetenv(string name);

    [Fact]
    public void Once_limited_the_native_environment_libtorch_reads_holds_the_limit()
    {
        // Reading the state touches the library, so its module initializer has run.
        if (ConvolutionIsaLimit.State != ConvolutionIsaState.Limited) return;   // not Linux x64, the user's own choice, or opted out
        Assert.Equal("AVX2", Marshal.PtrToStringAnsi(NativeGetenv("DNNL_MAX_CPU_ISA")));
        // .NET's own view is the managed copy taken at start-up: why the library goes through libc.
        Assert.Null(System.Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"));
    }
}
