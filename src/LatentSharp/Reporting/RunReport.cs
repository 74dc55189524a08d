using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentSharp.Data;
using LatentSharp.IO;
using LatentSharp.Models;
using LatentSharp.Options;
using LatentSharp.Training;
using static LatentSharp.Reporting.HtmlText;

namespace LatentSharp.Reporting;

/// <summary>
/// report.html: a run at a glance, built from the run folder's files alone — status and failure,
/// warnings, the final figures with their kinds, a chart per figure over the epochs, every picture
/// the run drew, the configuration, the data and the list of files. One self-contained page: pictures
/// embedded as data: URIs, style inline, no script, no request to anything outside the file; readable
/// on a phone and a desktop. <c>latent train</c> writes it at the end, <c>latent evaluate</c>
/// refreshes it, <c>latent report</c> rebuilds it.
/// </summary>
public static class RunReport
{
    /// <summary>The report's file name in a run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>What the manifest says about the report.</summary>
    public static readonly RunFile ManifestEntry =
        new(FileName, "this run at a glance: figures with kinds, curves, pictures, configuration (one self-contained page)", "report");

    /// <summary>
    /// Writes report.html into <paramref name="runDirectory"/> atomically and records it in the run's
    /// manifest. Returns the manifest's entries (every file of the run, the report included).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="Training.Checkpoints.CheckpointException">The folder holds no run (no readable config.json).</exception>
    public static IReadOnlyList<RunFile> Write(string runDirectory)
    {
        var html = Build(RunContents.Read(runDirectory));
        AtomicFile.WriteText(Path.Combine(runDirectory, FileName), html);
        return RunManifest.Record(runDirectory, [ManifestEntry]);
    }

    /// <summary>
    /// <see cref="Write"/> for a run whose training has just failed and whose folder keeps it (its last good
    /// checkpoint, metrics and failure.json): the page shows the failure beside the epochs that finished. It never
    /// throws, so the training failure stays the error the caller reports: returns null when the page was written,
    /// else why it was not.
    /// </summary>
    public static string? WriteAfterFailure(string runDirectory)
    {
        try
        {
            Write(runDirectory);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }

    /// <summary>Writes the report of the run in <paramref name="runDirectory"/> to <paramref name="path"/> (atomically; not recorded in the manifest).</summary>
    public static void WriteTo(string runDirectory, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.WriteText(path, Build(RunContents.Read(runDirectory)));
    }

    /// <summary>The page for <paramref name="run"/>.</summary>
    public static string Build(RunContents run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var html = new StringBuilder(PageStyle.Head($"{run.Name} — {run.Config.Model} — LatentSharp run report"));
        Header(html, run);
        Alerts(html, run);
        Figures(html, run);
        Curves(html, run);
        Pictures(html, run);
        Configuration(html, run);
        DataSection(html, run);
        FileList(html, run);
        html.Append($"<footer>Written by LatentSharp {Escape(ModelFile.LibraryVersion)} from the files of this run folder; rebuild it with <code>latent report {Escape(run.Directory)}</code>.</footer>\n");
        html.Append(PageStyle.Tail);
        return html.ToString();
    }

    static void Header(StringBuilder html, RunContents run)
    {
        var config = run.Config;
        html.Append($"<h1>{Escape(run.Name)}</h1>\n<p class=\"lead\"><strong>{Escape(config.Model)}</strong>{Escape(Summary(config.Model) is { } s ? " — " + s : "")}</p>\n");
        html.Append("<nav class=\"toc\"><a href=\"#figures\">Figures</a><a href=\"#curves\">Curves</a><a href=\"#pictures\">Pictures</a>" +
                    "<a href=\"#configuration\">Configuration</a><a href=\"#data\">Data</a><a href=\"#files\">Files</a></nav>\n");
        var facts = new List<(string, string)> { ("status", Status(run)) };
        if (run.Epochs.Count > 0)
        {
            var seconds = run.Epochs.Sum(e => e.Values.TryGetValue("seconds", out var s) && double.IsFinite(s) ? s : 0);
            facts.Add(("training time", $"{Duration(seconds)} ({Duration(seconds / run.Epochs.Count)} per epoch)"));
            facts.Add(("steps", Number(run.Epochs[^1]["step"])));
        }
        facts.Add(("data", config.Data + (config.TestData is { } test ? $" (test: {test})" : "")));
        facts.Add(("seed, batch size", $"{config.Trainer.Seed}, {config.Trainer.BatchSize}"));
        facts.Add(("device", config.Device));
        facts.Add(("library version", config.LibraryVersion));
        facts.Add(("folder", Path.GetFullPath(run.Directory)));
        Facts(html, facts);
    }

    static string Status(RunContents run)
    {
        int planned = run.Config.Trainer.Epochs, done = run.Epochs.Count;
        if (run.Failure is { } failure) return $"failed ({failure.Condition}) in epoch {failure.Epoch}; {failure.EpochsKept} finished epoch(s) kept";
        if (done == 0) return "no finished epoch yet";
        var phase = run.Epochs[^1].Phase is { } p ? $", last phase {p}" : "";
        return done >= planned ? $"trained {done} epochs{phase}" : $"{done} of {planned} planned epochs finished (stopped early, converged or interrupted){phase}";
    }

    static void Alerts(StringBuilder html, RunContents run)
    {
        if (run.Failure is { } failure)
            html.Append($"<div class=\"failure\" id=\"failure\"><strong>Training failed: {Escape(failure.Condition)}</strong> at epoch {failure.Epoch}, step {failure.Step}. {Escape(failure.Message)}</div>\n");
        foreach (var problem in run.Problems)
            html.Append($"<div class=\"note\">Not shown: {Escape(problem)}</div>\n");
        var warnings = run.Epochs.Select((e, i) => (Epoch: (int)(e.Values.TryGetValue("epoch", out var n) ? n : i + 1), e.Warnings))
            .SelectMany(e => e.Warnings.Select(w => (e.Epoch, Warning: w))).GroupBy(w => w.Warning.Name).ToList();
        foreach (var group in warnings)
        {
            var epochs = string.Join(", ", group.Select(w => w.Epoch));
            html.Append($"<div class=\"warning\"><strong>warning [{Escape(group.Key)}]</strong> in epoch(s) {Escape(epochs)}: {Escape(group.Last().Warning.Message)}</div>\n");
        }
    }

    static void Figures(StringBuilder html, RunContents run)
    {
        html.Append("<h2 id=\"figures\">Final figures</h2>\n");
        var figures = run.Figures;
        if (figures.Count == 0)
        {
            html.Append("<p>No figures yet: the run has no finished epoch and no evaluation.</p>\n");
            return;
        }
        html.Append("<p class=\"lead\">Each figure has a kind: <span class=\"kind kind-exact\">exact</span> the quantity itself; " +
                    "<span class=\"kind kind-bound\">bound</span> a bound on it (ELBO, IWAE); <span class=\"kind kind-estimate\">estimate</span> random, ± its standard error; " +
                    "<span class=\"kind kind-proxy\">proxy</span> a stand-in (a training loss, a reconstruction error). " +
                    "Training figures are the last epoch's; the others come from <code>latent evaluate</code>.</p>\n");
        html.Append("<div class=\"scroll\"><table id=\"figure-table\">\n<thead><tr><th>metric</th><th>split</th><th>value</th><th>± s.e.</th><th>kind</th><th>from</th><th>data</th></tr></thead>\n<tbody>\n");
        foreach (var figure in figures)
        {
            var from = figure.FromTraining ? $"training, epoch {figure.Epoch}" : figure.Spec;
            var unit = figure.Unit is { } u ? $" {u}" : "";
            html.Append($"<tr><td class=\"metric\">{MetricName(figure.Metric)}</td><td>{Escape(figure.Split)}</td><td class=\"num\">{Escape(Number(figure.Value) + unit)}</td>" +
                        $"<td class=\"num\">{(figure.StandardError is { } se ? Escape(Error(se)) : "")}</td><td>{KindBadge(figure.Kind)}</td>" +
                        $"<td><code>{Escape(from)}</code></td><td class=\"data\">{Escape(figure.Data)}{(figure.Count is { } n ? $" ({n} samples)" : "")}</td></tr>\n");
        }
        html.Append("</tbody></table></div>\n");
    }

    /// <summary>A kind as a coloured badge; "—" when the run did not record one.</summary>
    internal static string KindBadge(MetricKind? kind) =>
        kind is { } k ? $"<span class=\"kind kind-{k.Name()}\">{k.Name()}</span>" : "—";

    static void Curves(StringBuilder html, RunContents run)
    {
        html.Append("<h2 id=\"curves\">Curves</h2>\n");
        var charts = MetricCurves.Series(run.Epochs).Select(s => MetricCurves.Svg(s.Metric, s.Splits, run.Epochs)).OfType<string>().ToList();
        if (charts.Count == 0)
        {
            html.Append("<p>No curves: the run has no finished epoch.</p>\n");
            return;
        }
        html.Append($"<p class=\"lead\">Each figure per epoch ({run.Epochs.Count} epoch{(run.Epochs.Count == 1 ? "" : "s")}), one line per split; dashed lines mark a change of phase.</p>\n<div class=\"charts\">\n");
        foreach (var chart in charts) html.Append(chart).Append('\n');
        html.Append("</div>\n");
    }

    static void Pictures(StringBuilder html, RunContents run)
    {
        html.Append("<h2 id=\"pictures\">Pictures</h2>\n");
        var pictures = run.Pictures;
        if (pictures.Count == 0)
        {
            html.Append("<p>The run drew no pictures.</p>\n");
            return;
        }
        html.Append("<div class=\"pictures\">\n");
        foreach (var picture in pictures)
        {
            var type = RunContents.PictureTypes[Path.GetExtension(picture.Name).ToLowerInvariant()];
            var data = Convert.ToBase64String(File.ReadAllBytes(run.PathOf(picture.Name)));
            var caption = picture.Description.Length > 0 ? $"<strong>{Escape(picture.Name)}</strong>: {Escape(picture.Description)}" : $"<strong>{Escape(picture.Name)}</strong>";
            html.Append($"<figure><img src=\"data:{type};base64,{data}\" alt=\"{Escape(picture.Name)}: {Escape(picture.Description)}\"><figcaption>{caption}</figcaption></figure>\n");
        }
        html.Append("</div>\n");
    }

    static void Configuration(StringBuilder html, RunContents run)
    {
        html.Append("<h2 id=\"configuration\">Configuration</h2>\n<h3>Model options</h3>\n");
        NameValueTable(html, run.Config.Options.Select(p => (p.Key, JsonText(p.Value))), "option");
        html.Append("<h3>Trainer</h3>\n");
        var trainer = JsonSerializer.SerializeToNode(run.Config.Trainer, OptionsJson.Settings)!.AsObject();
        NameValueTable(html, trainer.Select(p => (p.Key, JsonText(p.Value))), "setting");
        if (run.Config.FineTuning is { } fineTuning)
        {
            html.Append("<h3>Fine-tuning</h3>\n");
            var node = JsonSerializer.SerializeToNode(fineTuning, OptionsJson.Settings)!.AsObject();
            NameValueTable(html, node.Select(p => (p.Key, JsonText(p.Value))), "setting");
        }
    }

    static void DataSection(StringBuilder html, RunContents run)
    {
        var config = run.Config;
        html.Append("<h2 id=\"data\">Data</h2>\n");
        var facts = new List<(string, string)> { ("source", config.Data) };
        var known = DataSources.KnownNames.FirstOrDefault(n => string.Equals(n.Name, config.Data, StringComparison.OrdinalIgnoreCase));
        if (known.Description is not null) facts.Add(("about", known.Description));
        if (config.TestData is not null) facts.Add(("test data", config.TestData));
        if (config.LabelColumn is not null) facts.Add(("label column", config.LabelColumn));
        facts.Add(("sample shape", $"[{string.Join(", ", config.InputShape)}]"));
        if (config.ValidationFraction > 0) facts.Add(("validation", $"{config.ValidationFraction.ToString("0.###", CultureInfo.InvariantCulture)} of the training data held out"));
        if (config.DataDescription is { } description)
        {
            facts.Add(("trained on", $"{description.TrainCount} samples"));
            if (description.EvaluatedSplit is { } split) facts.Add(("evaluated each epoch on", $"{split} ({description.EvaluatedCount} samples)"));
        }
        Facts(html, facts);
        foreach (var note in config.DataDescription?.Notes ?? [])
            html.Append($"<div class=\"note\">note: {Escape(note)}</div>\n");
    }

    static void FileList(StringBuilder html, RunContents run)
    {
        html.Append("<h2 id=\"files\">Files</h2>\n<div class=\"scroll\"><table id=\"file-table\">\n<thead><tr><th>file</th><th>size</th><th>what it holds</th><th>written by</th></tr></thead>\n<tbody>\n");
        var files = run.Files.Any(f => f.Name == FileName) ? run.Files : [.. run.Files, ManifestEntry];
        foreach (var file in files)
        {
            var path = run.PathOf(file.Name);
            var size = file.Name != FileName && File.Exists(path) ? Size(new FileInfo(path).Length) : "";
            html.Append($"<tr><td class=\"name\"><code>{Escape(file.Name)}</code></td><td class=\"num\">{Escape(size)}</td><td class=\"wrap\">{Escape(file.Description)}</td><td>{Escape(file.WrittenBy)}</td></tr>\n");
        }
        html.Append("</tbody></table></div>\n");
    }

    static void Facts(StringBuilder html, IEnumerable<(string Name, string Value)> facts)
    {
        html.Append("<dl class=\"facts\">\n");
        foreach (var (name, value) in facts) html.Append($"<dt>{Escape(name)}</dt><dd>{Escape(value)}</dd>\n");
        html.Append("</dl>\n");
    }

    static void NameValueTable(StringBuilder html, IEnumerable<(string Name, string Value)> rows, string nameHeader)
    {
        html.Append($"<div class=\"scroll\"><table>\n<thead><tr><th>{Escape(nameHeader)}</th><th>value</th></tr></thead>\n<tbody>\n");
        foreach (var (name, value) in rows) html.Append($"<tr><td class=\"name\"><code>{Escape(name)}</code></td><td class=\"wrap\"><code>{Escape(value)}</code></td></tr>\n");
        html.Append("</tbody></table></div>\n");
    }

    // Strings without their quotes, everything else as JSON text.
    static string JsonText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString(CompactJson) ?? "null";

    // One line per value (arrays such as hidden sizes read [512,256]); text as typed, since the page escapes it.
    static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static string? Summary(string model)
    {
        try { return ModelCatalog.Get(model).Summary; }
        catch (UnknownModelException) { return null; }
    }

    static string Duration(double seconds) => seconds switch
    {
        < 60 => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s",
        < 3600 => $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s",
        _ => $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60)} min",
    };
}
