using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LatentSharp.Cli.Rendering;

/// <summary>A progress column: the trainer's throughput in samples per second, kept in the task's state.</summary>
internal sealed class RateColumn : ProgressColumn
{
    /// <summary>The state key the display writes the rate under.</summary>
    public const string Key = "samples/s";

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.State.Get<double>(Key).ToString("N0", CultureInfo.InvariantCulture) + " samples/s", new Style(Color.Grey));
}
