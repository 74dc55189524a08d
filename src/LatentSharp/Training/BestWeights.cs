using LatentSharp.Models;
using static TorchSharp.torch;

namespace LatentSharp.Training;

/// <summary>
/// A copy of the model's state at its best epoch, for early stopping without a run folder (with one,
/// model.safetensors holds the best epoch instead).
/// </summary>
internal sealed class BestWeights(bool enabled) : IDisposable
{
    readonly Dictionary<string, Tensor> _copy = new();

    public void Remember(IModel model)
    {
        if (!enabled) return;
        using var noGrad = no_grad();
        foreach (var (name, tensor) in model.State)
        {
            if (_copy.TryGetValue(name, out var kept)) kept.copy_(tensor);
            else _copy[name] = tensor.detach().clone().DetachFromDisposeScope();
        }
    }

    public void CopyInto(IModel model)
    {
        if (_copy.Count == 0) return;
        using var noGrad = no_grad();
        foreach (var (name, tensor) in model.State) tensor.copy_(_copy[name]);
    }

    public void Dispose()
    {
        foreach (var t in _copy.Values) t.Dispose();
        _copy.Clear();
    }
}
