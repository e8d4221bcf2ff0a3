using System.Text;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// model-card.md: the audit's measured values in the Hugging Face model-card layout (Evaluation: testing data, factors,
/// metrics, results; Bias, Risks, and Limitations), for pasting into a model repository's README. Same sentences and
/// tables as the report.
/// </summary>
internal static partial class MarkdownReport
{
    public static string ModelCard(AuditView view, DateTimeOffset generated)
    {
        var p = view.Provenance;
        var q = view.Result.Counts.DataQuality;
        var md = new StringBuilder();
        md.AppendLine("<!-- Evaluation and bias sections written by ClipAudit (clipaudit report --format modelcard). Paste them into the model card; every number is in results.json. -->");
        md.AppendLine();
        if (view.IsSynthetic)
        {
            md.Append("> **").Append(Escape(ReportSentences.SyntheticDisclaimer)).AppendLine("**").AppendLine();
        }

        md.AppendLine("## Evaluation").AppendLine();
        md.AppendLine("### Testing Data, Factors & Metrics").AppendLine();
        md.AppendLine("#### Testing Data").AppendLine();
        md.Append(Escape($"{p.Dataset.Name} ({p.Dataset.Kind}{(p.Dataset.Split is null ? "" : $", {p.Dataset.Split}")}): {ReportText.Count(q.SamplesScored)} of {ReportText.Count(q.SamplesRead)} samples scored, " +
            $"{ReportText.Count(q.Skipped.Count)} skipped; dataset manifest SHA-256 `{p.Dataset.ManifestSha256}`.")).AppendLine().AppendLine();
        md.AppendLine("#### Factors").AppendLine();
        var groupings = view.Result.Rates.Select(r => r.Grouping).Distinct().ToList();
        md.Append("Groups compared: ").Append(Escape(string.Join(", ", groupings.Select(g => g.Name)))).Append(". ")
            .Append(Escape($"Minimum group size {p.Statistics.MinGroupSize}: {Metrics.MetricOptions.SmallGroupRule(p.Statistics.MinGroupSize)}.")).AppendLine().AppendLine();
        md.AppendLine("#### Metrics").AppendLine();
        md.AppendLine(Escape(ReportSentences.RateWithinGroupDefinition)).AppendLine();
        foreach (var (key, value) in PdfReport.MethodDetails(view).Where(kv => kv.Key is "Rate intervals" or "Differences" or "Tests" or "Multiplicity" or "Detectable differences"))
        {
            md.Append("- ").Append(key).Append(": ").AppendLine(Escape(value));
        }

        md.AppendLine().AppendLine("### Results").AppendLine();
        md.Append("Zero-shot ").Append(Escape(ReportSentences.ModelFamily(p.Model))).Append(". Generated ")
            .Append(generated.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(" with ").Append(p.Tool).Append(" v").Append(p.ToolVersion).AppendLine(".").AppendLine();
        Table(md, ReportTables.Overview(view));
        foreach (var task in view.Tasks)
        {
            foreach (var measure in task.Measures)
            {
                Table(md, ReportTables.Rates(view, task, measure));
            }
        }

        md.AppendLine("## Bias, Risks, and Limitations").AppendLine();
        SummaryBullets(md, view);

        md.AppendLine();
        Scorecard(md, view);
        md.AppendLine("### Limitations of this evaluation").AppendLine();
        foreach (var item in ReportLimitations.Items)
        {
            md.Append("- ").AppendLine(item);
        }

        md.AppendLine().Append("Reproduce: `").Append(p.CommandLine).Append("` (config SHA-256 `").Append(p.ConfigSha256).AppendLine("`); re-render: `clipaudit report <results folder> --format modelcard`.");
        return md.ToString();
    }
}
