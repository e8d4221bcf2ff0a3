using System.Text;

namespace ClipAudit.Reporting.Report;

/// <summary>summary.md's review-target section (wording owned by <see cref="ReportScorecard"/>).</summary>
internal static partial class MarkdownReport
{
    private static void Scorecard(StringBuilder md, AuditView view)
    {
        if (view.Result.Targets.Count == 0)
        {
            return;
        }

        md.Append("## ").AppendLine(ReportScorecard.Heading).AppendLine();
        md.AppendLine(Escape(ReportScorecard.Tally(view.Result.Targets)) + ".").AppendLine();
        Table(md, ReportScorecard.Table(view));
        foreach (var evaluation in view.Result.Targets)
        {
            md.Append("- ").AppendLine(Escape(ReportScorecard.Sentence(evaluation)));
        }

        md.AppendLine().AppendLine("_" + Escape(ReportScorecard.Rule(view.LevelText)) + "_").AppendLine();
    }
}
