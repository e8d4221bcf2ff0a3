using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClipAudit.Reporting.Pdf;
using ClipAudit.Taxonomies;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// report.html: every section of report.pdf in one self-contained file (inline CSS, script and SVG charts; nothing
/// fetched when opened), with tables that sort (click a header) and filter (type in the box above), printable.
/// Built from the same view, sentences and <see cref="TableSpec"/>s as the PDF, so both say the same thing.
/// </summary>
internal static partial class HtmlReport
{
    public static string Build(AuditView view, IReadOnlyList<ReportChart> charts, PublishedReference? reference, IReadOnlyList<PublishedRow> published, ReportEnvironment environment, DateTimeOffset generated, Gallery? gallery = null)
    {
        var p = view.Provenance;
        var html = new HtmlWriter(charts);
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Raw("<title>").Text($"ClipAudit impact report: {p.AuditName}").Raw("</title>\n<style>").Raw(Style).Raw(gallery is null ? "" : GalleryStyle).Raw("</style>\n</head>\n<body>\n<main>\n");
        html.Raw("<header>\n<h1>").Text($"Impact report: {p.AuditName}").Raw("</h1>\n");
        if (p.Description is { Length: > 0 })
        {
            html.Paragraph(p.Description);
        }

        html.KeyValues(PdfReport.TitleDetails(view, generated));
        if (view.IsSynthetic)
        {
            html.Raw("<p class=\"synthetic\"><strong>").Text(ReportSentences.SyntheticDisclaimer).Raw("</strong></p>\n");
        }

        html.Note("Rates are rates within group, P(outcome | group), with " + view.LevelText + " confidence intervals. Every number is recomputed from the counts in results.json; " +
            "'clipaudit report' re-renders this report from them without re-encoding. Click a table header to sort; type in the box above a table to filter its rows.");
        html.Raw("<nav><strong>Sections:</strong> ").Raw(string.Join(" · ", Sections(view, gallery is not null).Select(s => $"<a href=\"#{s.Id}\">{WebUtility.HtmlEncode(s.Title)}</a>"))).Raw("</nav>\n</header>\n");

        Summary(html, view);
        Targets(html, view);
        Method(html, view);
        foreach (var task in view.Tasks)
        {
            Task(html, view, task);
        }

        Sensitivity(html, view);
        Research(html, view);
        Published(html, view, reference, published);
        Quality(html, view);
        GallerySection(html, gallery);
        html.Section("limitations", "Limitations and intended use");
        if (view.IsSynthetic)
        {
            html.Raw("<p class=\"synthetic\"><strong>").Text(ReportSentences.SyntheticDisclaimer).Raw("</strong></p>\n");
        }

        html.Bullets(ReportLimitations.Items);
        html.Section("reproducibility", "Reproducibility");
        html.KeyValues(PdfReport.ReproducibilityDetails(view, environment));
        html.Raw("</section>\n</main>\n<footer>").Text($"{p.AuditName} · {ToolInfo.Name} v{p.ToolVersion}" + (view.IsSynthetic ? " · SYNTHETIC DEMO, not a real model" : ""))
            .Raw("</footer>\n<script>").Raw(Script).Raw("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static IEnumerable<(string Id, string Title)> Sections(AuditView view, bool gallery)
    {
        yield return ("summary", "Summary");
        if (view.Result.Targets.Count > 0)
        {
            yield return ("targets", ReportScorecard.Heading);
        }

        yield return ("method", "Method");
        foreach (var task in view.Tasks)
        {
            yield return ("task-" + ReportText.Slug(task.Task), $"Task '{task.Task}'");
        }

        yield return ("sensitivity", "Class-design sensitivity");
        foreach (var section in ReportSectionParts.Research(view))
        {
            yield return (section.Id, section.Title);
        }

        yield return ("published", "Measured vs published");
        yield return ("quality", "Data quality");
        if (gallery)
        {
            yield return (GalleryText.Id, GalleryText.Title);
        }

        yield return ("limitations", "Limitations");
        yield return ("reproducibility", "Reproducibility");
    }

    private static void Summary(HtmlWriter html, AuditView view)
    {
        html.Section("summary", "Summary");
        var summary = ReportSummary.Of(view);
        html.Paragraph(summary.Intro);
        html.Bullets(summary.Findings);
        foreach (var note in summary.Notes)
        {
            html.Paragraph(note);
        }

        html.Table(ReportTables.Overview(view), "overview");
        html.Note(ReportSentences.RateWithinGroupDefinition + " Confidence intervals of differences are not adjusted for multiple comparisons; " +
            "p-values quoted as Holm-adjusted are. A difference between the extreme groups is optimistic: those groups were picked because they differ.");
        html.Raw("</section>\n");
    }

    private static void Targets(HtmlWriter html, AuditView view)
    {
        if (view.Result.Targets.Count == 0)
        {
            return;
        }

        html.Section("targets", ReportScorecard.Heading);
        html.Paragraph(ReportScorecard.Tally(view.Result.Targets) + ".");
        html.Table(ReportScorecard.Table(view), "targets");
        html.Bullets(view.Result.Targets.Select(ReportScorecard.Sentence));
        html.Note(ReportScorecard.Rule(view.LevelText));
        html.Raw("</section>\n");
    }

    private static void Method(HtmlWriter html, AuditView view)
    {
        html.Section("method", "Method");
        html.KeyValues(PdfReport.MethodDetails(view));
        if (ReportSentences.SigmoidScoring(view.Provenance.Model) is { } sigmoid)
        {
            html.Paragraph(sigmoid);
        }

        html.Table(ReportTables.Tasks(view), "tasks");
        html.Raw("</section>\n");
    }

    private static void Task(HtmlWriter html, AuditView view, TaskView task)
    {
        string slug = ReportText.Slug(task.Task);
        html.Section("task-" + slug, $"Task '{task.Task}'");
        html.Paragraph(PdfReport.TaskIntro(task));
        foreach (var measure in task.Measures)
        {
            string id = slug + "-" + ReportText.Slug(measure.Id);
            html.Raw("<h3>").Text(ReportText.MeasureTitle(measure, task.Task)).Raw("</h3>\n");
            html.Figure(ReportCharts.Stem(task.Task, measure, "rates"));
            html.Table(ReportTables.Rates(view, task, measure), id + "-rates");
            if (ReportDetectable.Table(view, task, measure) is { } detectable)
            {
                html.Table(detectable, id + "-detectable");
            }

            html.Figure(ReportCharts.Stem(task.Task, measure, "differences"));
            html.Figure(ReportCharts.Stem(task.Task, measure, "intersections"));
            if (ReportTables.ShareOfFlagged(view, task, measure) is { } shares)
            {
                html.Table(shares, id + "-shares");
            }
        }

        foreach (var stem in html.ChartStems.Where(s => s.StartsWith(slug + "-classes-", StringComparison.Ordinal)))
        {
            html.Raw("<h3>Predicted classes</h3>\n");
            html.Figure(stem);
        }

        html.Raw("</section>\n");
    }

    private static void Sensitivity(HtmlWriter html, AuditView view)
    {
        html.Section("sensitivity", "Class-design sensitivity");
        var comparisons = view.Result.Sensitivity.Select(s => (s.Task, s.From, s.To, s.Measure)).Distinct().ToList();
        if (comparisons.Count == 0)
        {
            html.Paragraph("No task of this audit has a class-design variant, so nothing was compared.");
        }
        else
        {
            html.Paragraph("Zero-shot results depend on which classes the model may choose from. Each variant re-scores the same images with a changed class set; " +
                "the tables rank the groups whose rate moved most. Measures with no counterpart in a variant (a harm category whose classes were all removed) are not compared.");
        }

        foreach (var (task, from, to, measure) in comparisons)
        {
            html.Raw("<h3>").Text($"{task}, {ReportText.ShortMeasure(measure, task).ToLowerInvariant()}: class set '{from}' → '{to}'").Raw("</h3>\n");
            string id = $"moves-{ReportText.Slug(task)}-{ReportText.Slug(measure.Id)}-{ReportText.Slug(to)}";
            if (ReportTables.Moves(view, task, from, to, measure, PdfReport.MovesShown) is { } moves)
            {
                html.Table(moves, id);
            }
            else
            {
                html.Paragraph(ReportTables.NothingMoved(task, from, to, measure));
            }

            if (ReportDetectable.Changes(view, task, from, to, measure) is { } changes)
            {
                html.Table(changes, id + "-detectable");
            }

            html.Figure(ReportCharts.SensitivityStem(task, measure, to));
        }

        html.Raw("</section>\n");
    }

    private static void Published(HtmlWriter html, AuditView view, PublishedReference? reference, IReadOnlyList<PublishedRow> rows)
    {
        html.Section("published", "Measured vs published");
        if (reference is null || rows.Count == 0)
        {
            html.Paragraph("No published values for this audit. (For FairFace audits run from taxonomies/audits/, the CLIP paper's values in taxonomies/published/clip-paper-2021.yaml are shown here.)");
        }
        else
        {
            html.Table(ReportTables.Published(view, rows), "published-values");
            foreach (var stem in html.ChartStems.Where(s => s.StartsWith("published-", StringComparison.Ordinal)))
            {
                html.Figure(stem);
            }

            var values = reference.Values;
            html.Note($"Source: {values.Citation}{(values.Url is null ? "" : " " + values.Url)} (file {values.SourcePath}, SHA-256 {ReportText.ShortHash(values.Sha256)}…)." +
                (values.Notes is null ? "" : " " + values.Notes));
        }

        html.Raw("</section>\n");
    }

    private static void Quality(HtmlWriter html, AuditView view)
    {
        var q = view.Result.Counts.DataQuality;
        html.Section("quality", "Data quality");
        html.KeyValues(PdfReport.QualityDetails(view));
        if (q.Skipped.Count > 0)
        {
            html.Table(ReportTables.Skipped(q, PdfReport.SkippedShown), "skipped");
        }

        if (q.Warnings.Count > 0)
        {
            html.Paragraph(ReportSentences.ConfigWarningsIntro);
            html.Bullets(q.Warnings.Select(ReportSentences.ConfigWarning));
        }

        html.Paragraph(PdfReport.SmallGroups(view));
        html.Raw("</section>\n");
    }

    /// <summary>Appends escaped text and the few block shapes the report uses.</summary>
    private sealed partial class HtmlWriter(IReadOnlyList<ReportChart> charts)
    {
        private readonly StringBuilder _html = new();

        public IEnumerable<string> ChartStems => charts.Select(c => c.Stem);

        public HtmlWriter Raw(string text)
        {
            _html.Append(text);
            return this;
        }

        public HtmlWriter Text(string text)
        {
            _html.Append(WebUtility.HtmlEncode(text));
            return this;
        }

        public void Section(string id, string title) => Raw($"<section id=\"{id}\">\n<h2>").Text(title).Raw("</h2>\n");

        /// <summary>A paragraph; <c>**bold**</c> as in the PDF's paragraphs.</summary>
        public void Paragraph(string text) => Raw("<p>").Raw(Bold().Replace(WebUtility.HtmlEncode(text), "<strong>$1</strong>")).Raw("</p>\n");

        public void Note(string text) => Raw("<p class=\"note\">").Text(text).Raw("</p>\n");

        public void Bullets(IEnumerable<string> items)
        {
            var list = items.ToList();
            if (list.Count == 0)
            {
                return;
            }

            Raw("<ul>\n");
            foreach (var item in list)
            {
                Raw("<li>").Text(item).Raw("</li>\n");
            }

            Raw("</ul>\n");
        }

        public void KeyValues(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            Raw("<dl class=\"details\">\n");
            foreach (var (key, value) in pairs)
            {
                Raw("<dt>").Text(key).Raw("</dt><dd>").Text(value).Raw("</dd>\n");
            }

            Raw("</dl>\n");
        }

        /// <summary>A sortable, filterable table: a filter box and a row count above it, sort buttons in its header.</summary>
        public void Table(TableSpec table, string id)
        {
            Raw($"<div class=\"table\" id=\"table-{id}\">\n");
            if (table.Caption is not null)
            {
                Raw("<p class=\"caption\">").Text(table.Caption).Raw("</p>\n");
            }

            Raw($"<div class=\"tools\"><label>Filter rows: <input type=\"search\" class=\"filter\" aria-controls=\"data-{id}\" placeholder=\"text in any cell\"></label> <span class=\"count\" aria-live=\"polite\"></span></div>\n");
            Raw($"<table class=\"data\" id=\"data-{id}\">\n<thead><tr>");
            foreach (var column in table.Columns)
            {
                Raw(column.Align == ColumnAlign.Right ? "<th class=\"num\">" : "<th>").Raw("<button type=\"button\" class=\"sort\">").Text(column.Header).Raw("</button></th>");
            }

            Raw("</tr></thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                Raw("<tr>");
                for (var i = 0; i < row.Count; i++)
                {
                    Raw(table.Columns[i].Align == ColumnAlign.Right ? "<td class=\"num\">" : "<td>").Text(row[i]).Raw("</td>");
                }

                Raw("</tr>\n");
            }

            Raw("</tbody>\n</table>\n</div>\n");
        }

        /// <summary>The chart as inline SVG at the PNG files' width (scaled to the page by CSS), with its caption.</summary>
        public void Figure(string stem)
        {
            var chart = charts.FirstOrDefault(c => c.Stem == stem);
            if (chart is null)
            {
                return;
            }

            int height = Math.Max(100, (int)Math.Round(chart.HeightPt * ReportWriter.ChartWidthPx / (double)ReportWriter.PdfLayoutWidthPt));
            string svg = chart.Plot.GetSvgXml(ReportWriter.ChartWidthPx, height);
            int start = svg.IndexOf("<svg", StringComparison.Ordinal);
            Raw($"<figure id=\"chart-{stem}\">\n").Raw(start > 0 ? svg[start..] : svg).Raw("\n<figcaption>").Text(chart.Caption).Raw("</figcaption>\n</figure>\n");
        }

        public override string ToString() => _html.ToString();

        [GeneratedRegex(@"\*\*(.+?)\*\*")]
        private static partial Regex Bold();
    }
}
