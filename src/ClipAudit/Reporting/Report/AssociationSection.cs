using System.Text;
using ClipAudit.Metrics.Association;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>The "Embedding association tests" section of report.pdf and summary.md; shown only when the audit has an <c>association:</c> list.</summary>
internal static class AssociationSection
{
    public const string Title = "Embedding association tests";

    private const string Intro =
        "WEAT (Caliskan et al. 2017; iEAT for images, Steed and Caliskan 2021): s(w) is w's mean cosine similarity to set A minus that to set B; " +
        "d is the difference of the mean s over X and over Y divided by the standard deviation of s over X and Y together; " +
        "p is one-sided, the share of equal-size re-partitions of X and Y whose statistic is at least the observed one " +
        "(every re-partition when there are at most 200,000, else 20,000 seeded draws). Holm and Benjamini-Hochberg adjust in the audit-wide family, not among the association tests alone: ";

    public static void Add(PdfDocumentBuilder doc, AuditView view) => Of(view)?.AddTo(doc);

    public static void Add(StringBuilder md, AuditView view, Action<StringBuilder, TableSpec> table) => Of(view)?.AddTo(md, table);

    /// <summary>The section's paragraph and table; null when the audit has no association test.</summary>
    public static ReportSectionParts? Of(AuditView view) => view.Result.Associations is not { Count: > 0 } results
        ? null
        : new ReportSectionParts("association", Title, [SectionPart.Paragraph(Intro + view.Result.AuditWide.Summary()), SectionPart.Of(Table(results, view.Result.Counts.Provenance.Seed))]);

    private static TableSpec Table(IReadOnlyList<AssociationResult> results, Randomness.Seed seed) => new()
    {
        Columns =
        [
            new PdfColumn("Test"), new PdfColumn("X vs Y"), new PdfColumn("A vs B"), PdfColumn.Numeric("d"), PdfColumn.Numeric("p"),
            new PdfColumn("p from"), PdfColumn.Numeric("p (Holm, audit-wide)"), PdfColumn.Numeric("p (BH, audit-wide)"),
        ],
        Rows = results.Select(r => (IReadOnlyList<string>)
        [
            $"{r.Name} ({r.Kind})", $"{r.X} (n={r.XCount}) vs {r.Y} (n={r.YCount})", $"{r.A} (n={r.ACount}) vs {r.B} (n={r.BCount})",
            ReportText.Number(r.EffectSize, "0.00"), ReportText.PCell(r.P),
            r.PMethod == WeatPMethod.Exact ? $"all {ReportText.Count(r.Partitions)}" : $"{ReportText.Count(r.Partitions)} draws, seed {seed}",
            ReportText.PCell(r.PHolm), ReportText.PCell(r.PBenjaminiHochberg),
        ]).ToList(),
        Caption = "Association tests: effect size d and one-sided permutation p",
    };
}
