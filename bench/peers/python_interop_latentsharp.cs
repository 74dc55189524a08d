#:project ../../src/LatentSharp/LatentSharp.csproj
#:property PublishAot=false
// LatentSharp's side of tools/check-python-interop.sh (a .NET 10 file-based app: `dotnet run --file <this> -- ...`).
//   compute <model.safetensors> <count> <out.safetensors>
//       loads a model file, reconstructs and encodes the first <count> test images of the embedded
//       Fashion-MNIST subset, and writes inputs [N,1,28,28], reconstructions and codes for Python to check.
//   check <model.safetensors> <expected.safetensors> <tolerance>
//       loads a model file (e.g. one converted from a PyTorch state dict), reconstructs and encodes the
//       expected file's inputs and compares with what PyTorch computed; exit 1 past the tolerance.
using LatentSharp.Data;
using LatentSharp.Models;
using LatentSharp.Training.Checkpoints;
using static TorchSharp.torch;

return args switch
{
    ["compute", var model, var count, var output] => Compute(model, int.Parse(count), output),
    ["check", var model, var expected, var tolerance] => Check(model, expected, double.Parse(tolerance, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Compute(string modelPath, int count, string output)
{
    using var model = ModelFile.Load(modelPath);
    using var data = DataSources.Resolve("fashion-mnist-small");
    using var noGrad = no_grad();
    var inputs = data.Test!.Features.narrow(0, 0, count).reshape(count, 1, 28, 28);
    var tensors = new Dictionary<string, Tensor>
    {
        ["inputs"] = inputs,
        ["reconstructions"] = ((IReconstructor)model).Reconstruct(inputs).reshape(count, 1, 28, 28),
        ["codes"] = ((IEncoder)model).Encode(inputs),
    };
    SafeTensorsFile.Write(output, tensors, new Dictionary<string, string>());
    Console.WriteLine($"{{\"direction\": \"latentsharp->pytorch\", \"wrote\": \"{output}\", \"samples\": {count}}}");
    return 0;
}

static int Check(string modelPath, string expectedPath, double tolerance)
{
    using var model = ModelFile.Load(modelPath);
    var (expected, _) = SafeTensorsFile.Read(expectedPath);
    using var noGrad = no_grad();
    var inputs = expected["inputs"];
    var reconstructions = ((IReconstructor)model).Reconstruct(inputs).reshape(inputs.shape);
    var codes = ((IEncoder)model).Encode(inputs);
    bool ok = Report("reconstructions", expected["reconstructions"], reconstructions, tolerance, inputs.shape[0]);
    ok &= Report("codes", expected["codes"], codes, tolerance * 10, inputs.shape[0]);
    return ok ? 0 : 1;
}

static bool Report(string name, Tensor expected, Tensor actual, double tolerance, long samples)
{
    double diff = (expected - actual).abs().max().item<float>();
    bool ok = diff <= tolerance;
    Console.WriteLine($"{{\"direction\": \"pytorch->latentsharp\", \"check\": \"{name}\", \"samples\": {samples}, \"max_abs_diff\": {diff:E3}, \"tolerance\": {tolerance:E1}, \"ok\": {(ok ? "true" : "false")}}}");
    return ok;
}

static int Usage()
{
    Console.Error.WriteLine("usage: compute <model.safetensors> <count> <out.safetensors> | check <model.safetensors> <expected.safetensors> <tolerance>");
    return 2;
}
