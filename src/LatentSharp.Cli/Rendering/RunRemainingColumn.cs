using Spectre.Console;
using Spectre.Console.Rendering;

namespace LatentSharp.Cli.Rendering;

/// <summary>A progress column: the trainer's estimate of the time left in the whole run (not only this epoch).</summary>
internal sealed class RunRemainingColumn : ProgressColumn
{
    /// <summary>The state key the display writes the seconds left under.</summary>
    public const string Key = "remaining";

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text("run left " + EpochFigures.Format(TimeSpan.FromSeconds(task.State.Get<double>(Key))), new Style(Color.Grey));
}
