using System.Text;
using ClipAudit.Audits;
using ClipAudit.Reporting.Charts;
using ClipAudit.Reporting.Tables;

namespace ClipAudit.Reporting.Report;

/// <summary>What a report run wrote: every file path, and the PDF's page count when one was written.</summary>
public sealed record ReportOutput(IReadOnlyList<string> Files, int? PdfPages);

/// <summary>
/// Writes the impact report of an audit: report.pdf (A4, vector charts, embedded fonts), summary.md and the charts as
/// PNG and SVG under charts/. Pure function of the result, the options and <c>generated</c>: the same inputs give
/// byte-identical files.
/// </summary>
public static class ReportWriter
{
    public const string PdfFileName = "report.pdf";
    public const string MarkdownFileName = "summary.md";
    public const string HtmlFileName = "report.html";
    public const string ModelCardFileName = "model-card.md";
    public const string ChartsFolder = "charts";

    /// <summary>Chart files are 900 px wide; their height keeps the aspect ratio they have in the PDF.</summary>
    public const int ChartWidthPx = 900;

    /// <summary>Writes with <see cref="ReportOptions.For"/> defaults (published values for FairFace presets).</summary>
    public static ReportOutput Write(AuditResult result, string outputDirectory, ReportFormats formats, DateTimeOffset generated)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(result, outputDirectory, formats, generated, ReportOptions.For(result.Counts.Provenance));
    }

    public static ReportOutput Write(AuditResult result, string outputDirectory, ReportFormats formats, DateTimeOffset generated, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        // PDF dates and results.json keep whole seconds; dropping the rest makes a re-render from results.json identical.
        generated = new DateTimeOffset(generated.UtcTicks - (generated.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Directory.CreateDirectory(outputDirectory);
        var view = AuditView.Create(result);
        var published = PublishedComparison.Match(result, options.Published);
        var charts = Charts(view, published);
        // Drawn at audit time (the images are not needed again): the report only reads gallery.json and gallery/.
        var gallery = Gallery.Load(outputDirectory);
        var files = new List<string>();

        var imageFormats = (formats.HasFlag(ReportFormats.Png) ? ChartFormats.Png : 0) | (formats.HasFlag(ReportFormats.Svg) ? ChartFormats.Svg : 0);
        if (imageFormats != 0)
        {
            foreach (var chart in charts)
            {
                int height = (int)Math.Round(chart.HeightPt * ChartWidthPx / (PdfLayoutWidthPt * 1.0));
                files.AddRange(ChartFiles.Save(chart.Plot, Path.Combine(outputDirectory, ChartsFolder, chart.Stem), ChartWidthPx, Math.Max(height, 100), imageFormats));
            }
        }

        int? pages = null;
        if (formats.HasFlag(ReportFormats.Pdf))
        {
            string path = Path.Combine(outputDirectory, PdfFileName);
            var doc = PdfReport.Build(view, charts.ToDictionary(c => c.Stem, StringComparer.Ordinal), options.Published, published, ReportEnvironment.Current, generated, gallery);
            using (var buffer = new MemoryStream())
            {
                pages = doc.Save(buffer);
                AtomicFile.WriteAllBytes(path, buffer.ToArray());
            }

            files.Add(path);
        }

        if (formats.HasFlag(ReportFormats.Markdown))
        {
            string path = Path.Combine(outputDirectory, MarkdownFileName);
            string? extension = formats.HasFlag(ReportFormats.Png) ? ".png" : formats.HasFlag(ReportFormats.Svg) ? ".svg" : null;
            AtomicFile.WriteAllText(path, MarkdownReport.Build(view, charts, options.Published, published, extension, generated));
            files.Add(path);
        }

        if (formats.HasFlag(ReportFormats.Html))
        {
            string path = Path.Combine(outputDirectory, HtmlFileName);
            AtomicFile.WriteAllText(path, HtmlReport.Build(view, charts, options.Published, published, ReportEnvironment.Current, generated, gallery));
            files.Add(path);
        }

        if (formats.HasFlag(ReportFormats.ModelCard))
        {
            string path = Path.Combine(outputDirectory, ModelCardFileName);
            AtomicFile.WriteAllText(path, MarkdownReport.ModelCard(view, generated));
            files.Add(path);
        }

        return new ReportOutput(files, pages);
    }

    /// <summary>Text width of the A4 page between the default margins, in points.</summary>
    internal const float PdfLayoutWidthPt = Pdf.PdfDocumentOptions.A4WidthPt - (2 * 56f);

    private static List<ReportChart> Charts(AuditView view, IReadOnlyList<PublishedRow> published)
    {
        var charts = new List<ReportChart?>();
        string level = view.LevelText;
        foreach (var task in view.Tasks)
        {
            foreach (var measure in task.Measures)
            {
                charts.Add(ReportCharts.Rates(task, measure, level));
                charts.Add(ReportCharts.Differences(task, measure, level));
                charts.Add(ReportCharts.Intersections(task, measure, level));
            }

            charts.Add(ReportCharts.Classes(task));
        }

        foreach (var (task, from, to, measure) in view.Result.Sensitivity.Select(s => (s.Task, s.From, s.To, s.Measure)).Distinct())
        {
            charts.Add(ReportCharts.Sensitivity(view.Result, task, from, to, measure, level));
        }

        charts.AddRange(PublishedComparison.Charts(published, level));
        return charts.OfType<ReportChart>().ToList();
    }
}
