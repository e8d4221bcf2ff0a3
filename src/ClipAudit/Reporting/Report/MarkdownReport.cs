using ClipAudit.Taxonomies;
using System.Text;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>summary.md: the summary, the key tables and the charts as PNG links, readable on a code-review page.</summary>
internal static partial class MarkdownReport
{
    public static string Build(AuditView view, IReadOnlyList<ReportChart> charts, PublishedReference? reference, IReadOnlyList<PublishedRow> published, string? chartExtension, DateTimeOffset generated)
    {
        var p = view.Provenance;
        var md = new StringBuilder();
        md.Append("# Impact report: ").AppendLine(p.AuditName).AppendLine();
        if (view.IsSynthetic)
        {
            md.Append("> **").Append(ReportSentences.SyntheticDisclaimer).AppendLine("**").AppendLine();
        }

        if (p.Description is { Length: > 0 })
        {
            md.AppendLine(Escape(p.Description)).AppendLine();
        }

        md.AppendLine("| | |").AppendLine("|---|---|");
        foreach (var (key, value) in PdfReport.TitleDetails(view, generated))
        {
            md.Append("| ").Append(key).Append(" | ").Append(Cell(value)).AppendLine(" |");
        }

        md.AppendLine().AppendLine("Full report: [report.pdf](report.pdf). Data: `results.json`, `tables/*.csv`.").AppendLine();
        md.AppendLine("## Summary").AppendLine();
        SummaryBullets(md, view);

        md.AppendLine().AppendLine("_" + ReportSentences.RateWithinGroupDefinition + "_").AppendLine();
        md.AppendLine("_Detectable difference: " + Escape(ReportDetectable.Method) + " Detectable change: " + Escape(ReportDetectable.ChangeMethod) + "_").AppendLine();
        if (ReportSentences.SigmoidScoring(p.Model) is { } sigmoid)
        {
            md.AppendLine("_" + Escape(sigmoid) + "_").AppendLine();
        }

        Table(md, ReportTables.Overview(view));
        Scorecard(md, view);

        foreach (var task in view.Tasks)
        {
            md.Append("## Task '").Append(task.Task).AppendLine("'").AppendLine();
            foreach (var measure in task.Measures)
            {
                md.Append("### ").AppendLine(ReportText.MeasureTitle(measure, task.Task)).AppendLine();
                Image(md, charts, ReportCharts.Stem(task.Task, measure, "rates"), chartExtension);
                Table(md, ReportTables.Rates(view, task, measure));
                if (ReportDetectable.Table(view, task, measure) is { } detectable)
                {
                    Table(md, detectable);
                }
                Image(md, charts, ReportCharts.Stem(task.Task, measure, "differences"), chartExtension);
                Image(md, charts, ReportCharts.Stem(task.Task, measure, "intersections"), chartExtension);
            }

            foreach (var chart in charts.Where(c => c.Stem.StartsWith(ReportText.Slug(task.Task) + "-classes-", StringComparison.Ordinal)))
            {
                Image(md, charts, chart.Stem, chartExtension);
            }
        }

        md.AppendLine("## Class-design sensitivity").AppendLine();
        var comparisons = view.Result.Sensitivity.Select(s => (s.Task, s.From, s.To, s.Measure)).Distinct().ToList();
        if (comparisons.Count == 0)
        {
            md.AppendLine("No task of this audit has a class-design variant.").AppendLine();
        }

        foreach (var (task, from, to, measure) in comparisons)
        {
            if (ReportTables.Moves(view, task, from, to, measure, PdfReport.MovesShown) is { } moves)
            {
                Table(md, moves);
            }
            else
            {
                md.AppendLine(Escape(ReportTables.NothingMoved(task, from, to, measure))).AppendLine();
            }

            if (ReportDetectable.Changes(view, task, from, to, measure) is { } changes)
            {
                Table(md, changes);
            }

            Image(md, charts, ReportCharts.SensitivityStem(task, measure, to), chartExtension);
        }

        CounterfactualSection.Add(md, view, Table);
        AssociationSection.Add(md, view, Table);
        SubgroupSection.Add(md, view, Table);
        md.AppendLine("## Measured vs published").AppendLine();
        if (reference is null || published.Count == 0)
        {
            md.AppendLine("No published values for this audit.").AppendLine();
        }
        else
        {
            Table(md, ReportTables.Published(view, published));
            foreach (var chart in charts.Where(c => c.Stem.StartsWith("published-", StringComparison.Ordinal)))
            {
                Image(md, charts, chart.Stem, chartExtension);
            }

            md.Append("Source: ").AppendLine(Escape(reference.Values.Citation)).AppendLine();
        }

        var q = view.Result.Counts.DataQuality;
        md.AppendLine("## Data quality").AppendLine();
        md.Append("Minimum group size ").Append(ReportText.Count(p.Statistics.MinGroupSize)).Append(": ").Append(Escape(Metrics.MetricOptions.SmallGroupRule(p.Statistics.MinGroupSize))).AppendLine(".").AppendLine();
        md.Append(ReportText.Count(q.SamplesScored)).Append(" of ").Append(ReportText.Count(q.SamplesRead)).Append(" samples scored, ")
            .Append(ReportText.Count(q.Skipped.Count)).Append(" skipped").Append(q.Skipped.Count == 0 ? "" : " (" + string.Join(", ", q.SkippedByReason.Select(kv => $"{kv.Key}: {kv.Value}")) + ")").AppendLine(".").AppendLine();
        md.Append("EXIF orientation: ").Append(Escape(ReportSentences.ExifOrientation(q.ExifOrientations.Count))).AppendLine(".").AppendLine();
        if (q.Skipped.Count > 0)
        {
            Table(md, ReportTables.Skipped(q, PdfReport.SkippedShown));
        }

        if (q.Warnings.Count > 0)
        {
            md.AppendLine(Escape(ReportSentences.ConfigWarningsIntro)).AppendLine();
            foreach (var warning in q.Warnings)
            {
                md.Append("- ").AppendLine(Escape(ReportSentences.ConfigWarning(warning)));
            }

            md.AppendLine();
        }

        md.AppendLine("## Limitations and intended use").AppendLine();
        foreach (var item in ReportLimitations.Items)
        {
            md.Append("- ").AppendLine(item);
        }

        md.AppendLine().AppendLine("## Reproducibility").AppendLine();
        md.Append("- Command: `").Append(p.CommandLine).AppendLine("`");
        md.Append("- Config: `").Append(p.ConfigPath).Append("` (SHA-256 `").Append(p.ConfigSha256).AppendLine("`)");
        md.Append("- Dataset manifest SHA-256: `").Append(p.Dataset.ManifestSha256).AppendLine("`");
        md.Append("- Re-render: `clipaudit report <this folder>`").AppendLine();
        return md.ToString();
    }

    private static void Table(StringBuilder md, TableSpec table)
    {
        if (table.Caption is not null)
        {
            md.Append("**").Append(Escape(table.Caption)).AppendLine("**").AppendLine();
        }

        md.Append("| ").Append(string.Join(" | ", table.Columns.Select(c => Cell(c.Header)))).AppendLine(" |");
        md.Append('|').Append(string.Join('|', table.Columns.Select(c => c.Align == ColumnAlign.Right ? "---:" : "---"))).AppendLine("|");
        foreach (var row in table.Rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static void Image(StringBuilder md, IReadOnlyList<ReportChart> charts, string stem, string? extension)
    {
        var chart = charts.FirstOrDefault(c => c.Stem == stem);
        if (chart is null || extension is null)
        {
            return;
        }

        md.Append("![").Append(Escape(chart.Caption).Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal))
            .Append("](").Append(ReportWriter.ChartsFolder).Append('/').Append(stem).Append(extension).AppendLine(")").AppendLine();
    }

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Neutralises Markdown that would change meaning in prose (emphasis from '*' and '_' in group names, HTML).</summary>
    /// <summary>
    /// Markdown escapes. A '&lt;' is escaped only where it could open an HTML tag (before a letter, '/', '!' or '?'):
    /// "&lt;0.001" in a p-value cell is plain text to every renderer, and "&amp;lt;0.001" was unreadable in the raw file.
    /// </summary>
    private static string Escape(string text) =>
        TagStart().Replace(text.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal), "&lt;");

    [System.Text.RegularExpressions.GeneratedRegex("<(?=[A-Za-z/!?])")]
    private static partial System.Text.RegularExpressions.Regex TagStart();

    /// <summary>The summary's sentences as bullets (summary.md and the model card).</summary>
    private static void SummaryBullets(StringBuilder md, AuditView view)
    {
        var summary = ReportSummary.Of(view);
        foreach (var line in summary.Findings.Concat(summary.Notes))
        {
            md.Append("- ").AppendLine(Escape(line));
        }
    }
}
