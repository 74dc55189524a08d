namespace LatentSharp.Reporting;

/// <summary>
/// The head and style every page of this folder shares. Inline, so a page is one file; the content
/// security policy forbids every fetch (scripts, styles, fonts, frames, connections) and allows
/// pictures only as data: URIs — a page that tried to load anything would show errors in the
/// browser's console, which the browser test looks for.
/// </summary>
internal static class PageStyle
{
    /// <summary>The start of a page up to and including <c>&lt;main&gt;</c>, titled <paramref name="title"/>.</summary>
    public static string Head(string title) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n" +
        $"<title>{HtmlText.Escape(title)}</title>\n<style>{Css}</style>\n</head>\n<body>\n<main>\n";

    /// <summary>The end of a page.</summary>
    public const string Tail = "</main>\n</body>\n</html>\n";

    // Fluid to a phone's width: wide tables scroll inside their own box, pictures and charts shrink to the column.
    const string Css = """
:root{--fg:#1d2125;--muted:#5b6670;--line:#d9dee3;--panel:#f5f7f9;--accent:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:#fff}
main{max-width:1120px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:1.6rem;line-height:1.25;margin:.3em 0 .1em;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:1.8em 0 .5em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2em 0 .4em}
p.lead{color:var(--muted);margin:.2em 0 1em}
nav.toc{display:flex;flex-wrap:wrap;gap:.3em .9em;font-size:.95rem;margin:.5em 0}
nav.toc a{color:var(--accent)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5em 0;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{padding:.4em .65em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600;white-space:nowrap}
tr:last-child td{border-bottom:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.name,td.metric,td code{white-space:nowrap}
td.wrap{overflow-wrap:anywhere;min-width:18em}
td.data{overflow-wrap:anywhere;min-width:12em}
.kind{display:inline-block;padding:0 .5em;border-radius:.7em;font-size:.82rem;white-space:nowrap}
.kind-exact{background:#d9f2e0}.kind-bound{background:#dde8fb}.kind-estimate{background:#fff0cf}.kind-proxy{background:#e9edf0}
.flag{background:#fde7e4;border-radius:.4em;padding:0 .4em;font-size:.85rem}
td.flagged{background:#fff6f4}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:14px}
svg.chart{display:block;width:100%;height:auto;background:var(--panel);border-radius:6px}
svg.chart .grid{stroke:#dde2e6;stroke-width:1}
svg.chart .axis{stroke:#7a858f;stroke-width:1}
svg.chart .series{fill:none;stroke-width:2.2;stroke-linejoin:round}
svg.chart .phase{stroke:#444;stroke-width:1.2;stroke-dasharray:6 4}
svg.chart text{font-size:13px;fill:#39424a;font-family:inherit}
svg.chart .chart-title{font-size:15px;font-weight:600;fill:#1d2125}
svg.chart .phase-label{font-size:11px}
.pictures{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,480px),1fr));gap:18px;align-items:start}
figure{margin:0}
figure img{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px;background:#fff}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.3em;overflow-wrap:anywhere}
.note{background:var(--panel);border-left:4px solid #8a959e;padding:.5em .8em;margin:.5em 0;overflow-wrap:anywhere}
.warning{background:#fff4e5;border-left:4px solid #e8710a;padding:.5em .8em;margin:.5em 0;overflow-wrap:anywhere}
.failure{background:#fdecea;border-left:4px solid #c62828;padding:.5em .8em;margin:.5em 0;overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1.2em;margin:.5em 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
footer{margin-top:2.5em;color:var(--muted);font-size:.85rem}
@media (max-width:640px){
main{padding:10px 12px 30px}
h1{font-size:1.3rem}
dl.facts{grid-template-columns:minmax(0,7.5em) 1fr;gap:.2em .8em;font-size:.95rem}
th,td{padding:.35em .5em}
td.data{white-space:nowrap;min-width:0}
td.metric{white-space:normal}
svg.chart text{font-size:19px}
svg.chart .chart-title{font-size:21px}
svg.chart .phase-label{font-size:16px}
}
""";
}
