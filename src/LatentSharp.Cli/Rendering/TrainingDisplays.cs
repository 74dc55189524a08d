using LatentSharp.Cli.Commands;

namespace LatentSharp.Cli.Rendering;

/// <summary>Picks the training display for the surroundings: live when progress goes to a terminal, plain lines otherwise.</summary>
internal static class TrainingDisplays
{
    public static ITrainingDisplay For(CliContext context) =>
        context.Terminal is { } terminal ? new LiveTrainingDisplay(terminal) : new PlainTrainingDisplay(context.Error);
}
