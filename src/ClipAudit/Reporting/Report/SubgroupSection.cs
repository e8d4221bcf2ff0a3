using System.Text;
using ClipAudit.Metrics.Subgroups;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>The "Subgroup discovery" section of report.pdf and summary.md; shown only when the audit has a <c>subgroups:</c> mapping.</summary>
internal static class SubgroupSection
{
    public const string Title = "Subgroup discovery";

    public static void Add(PdfDocumentBuilder doc, AuditView view)
    {
        if (view.Result.Subgroups.Count == 0)
        {
            return;
        }

        doc.Heading(1, Title);
        doc.Paragraph(Intro(view));
        doc.Table(Table(view.Result.Subgroups, view.LevelText));
    }

    public static void Add(StringBuilder md, AuditView view, Action<StringBuilder, TableSpec> table)
    {
        if (view.Result.Subgroups.Count == 0)
        {
            return;
        }

        md.Append("## ").AppendLine(Title).AppendLine();
        md.AppendLine(Intro(view)).AppendLine();
        table(md, Table(view.Result.Subgroups, view.LevelText));
    }

    private static string Intro(AuditView view) =>
        "The samples are split into two halves with the audit's seed. On the first, every conjunction of attribute values (configured attributes, " +
        "else every column with 2 to 20 values, up to the configured depth and minimum size) is tested against the rest (Fisher exact), " +
        "Benjamini-Hochberg over all of them; the largest significant deviation of each rate is the finding. On the second half its difference to the rest gets a " +
        $"{view.LevelText} Newcombe interval: 'found, confirmed' when it excludes 0 on the same side, else 'found, not confirmed'. " +
        "A rate with no subgroup passing the Benjamini-Hochberg threshold on the discovery half has no row.";

    private static TableSpec Table(IReadOnlyList<SubgroupConfirmation> results, string level) => new()
    {
        Columns =
        [
            new PdfColumn("Task"), new PdfColumn("Rate"), new PdfColumn("Subgroup"), new PdfColumn("Discovery: in vs rest"), PdfColumn.Numeric("p (BH)"),
            new PdfColumn("Confirmation: in vs rest"), PdfColumn.Numeric("Difference (CI)"), new PdfColumn("Verdict"),
        ],
        Rows = results.Select(r => (IReadOnlyList<string>)
        [
            r.Finding.Task, r.Finding.Outcome, r.Finding.Subgroup,
            $"{ReportText.Percent(r.Finding.DiscoveryIn.Rate)} (n={r.Finding.DiscoveryIn.Trials}) vs {ReportText.Percent(r.Finding.DiscoveryOut.Rate)}",
            ReportText.PCell(r.Finding.DiscoveryPBenjaminiHochberg),
            $"{ReportText.Percent(r.Finding.ConfirmationIn.Rate)} (n={r.Finding.ConfirmationIn.Trials}) vs {ReportText.Percent(r.Finding.ConfirmationOut.Rate)}",
            ReportText.PointsInterval(r.ConfirmationDifference), r.Verdict,
        ]).ToList(),
        Caption = $"Most deviating subgroup per rate, found on one half and confirmed on the other ({level} intervals)",
    };
}
