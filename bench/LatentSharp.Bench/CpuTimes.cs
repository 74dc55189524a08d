using System.Diagnostics;
using LatentSharp.Training;

namespace LatentSharp.Bench;

/// <summary>
/// Synchronous progress sink that records process CPU time spent in each epoch's training steps
/// (from the end of the previous epoch's evaluation to the last step of this epoch). CPU time is
/// far less sensitive than wall time to other people's load on this shared 2-core machine.
/// </summary>
sealed class CpuTimes : IProgress<TrainingProgress>
{
    readonly Process _self = Process.GetCurrentProcess();
    double _start;
    public List<double> EpochSeconds { get; } = new();

    public void Start() => _start = Now();

    double Now() { _self.Refresh(); return _self.TotalProcessorTime.TotalSeconds; }

    public void Report(TrainingProgress value)
    {
        if (value.EpochMetrics is null && value.BatchInEpoch == value.BatchesPerEpoch)
            EpochSeconds.Add(Now() - _start);           // last training step of the epoch, before evaluation
        else if (value.EpochMetrics is not null)
            _start = Now();                              // after evaluation: the next epoch starts here
    }
}
