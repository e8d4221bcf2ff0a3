using System.Text;
using ClipAudit.Metrics.Subgroups;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>The "Subgroup discovery" section of report.pdf, report.html and summary.md; shown whenever the audit has a <c>subgroups:</c> mapping, found or not.</summary>
internal static class SubgroupSection
{
    public const string Title = "Subgroup discovery";

    public static void Add(PdfDocumentBuilder doc, AuditView view) => Of(view)?.AddTo(doc);

    public static void Add(StringBuilder md, AuditView view, Action<StringBuilder, TableSpec> table) => Of(view)?.AddTo(md, table);

    /// <summary>
    /// The section's paragraphs and table: present whenever subgroup discovery ran (a recorded search) or found something;
    /// a search with no finding gets a sentence saying what was searched and the largest deviation seen. Null otherwise.
    /// </summary>
    public static ReportSectionParts? Of(AuditView view)
    {
        var findings = view.Result.Subgroups;
        var searches = view.Result.Counts.SubgroupSearches;
        if (findings.Count == 0 && searches.Count == 0)
        {
            return null;
        }

        List<SectionPart> parts = [SectionPart.Paragraph(Intro(view))];
        if (findings.Count > 0)
        {
            parts.Add(SectionPart.Of(Table(findings, view.LevelText)));
        }

        if (searches.Where(s => !s.Found).Select(NothingFound).ToList() is { Count: > 0 } none)
        {
            parts.Add(SectionPart.Paragraph(string.Join(" ", none)));
        }

        return new ReportSectionParts("subgroups", Title, parts);
    }

    /// <summary>What a search without a finding looked at: "no subgroup deviated significantly ... (searched K intersections)", and the largest deviation it saw.</summary>
    internal static string NothingFound(SubgroupSearch s)
    {
        var task = s.Variant == "base" ? $"'{s.Task}'" : $"'{s.Task}' ({s.Variant})";
        if (s.Outcome == "none")
        {
            return $"Task {task}: no rate to search (the task has neither harm classes nor true classes).";
        }

        var head = $"Task {task}, {s.Outcome}: no subgroup deviated from the rest with Benjamini-Hochberg p ≤ {ReportText.Number(s.Alpha, "0.###")}";
        if (s.Candidates == 0 || s.LargestIn is not { } inside || s.LargestOut is not { } rest)
        {
            return $"{head}: no intersection of {Depth(s.Depth)} had n ≥ {ReportText.Count(s.MinimumSize)} on the discovery half ({ReportText.CountOf(s.DiscoverySamples, "sample", "samples")}; searched 0 intersections).";
        }

        var points = (inside.Rate - rest.Rate) * 100;
        return $"{head} (searched {ReportText.CountOf(s.Candidates, "intersection", "intersections")} of {Depth(s.Depth)} with n ≥ {ReportText.Count(s.MinimumSize)} " +
            $"on the discovery half of {ReportText.CountOf(s.DiscoverySamples, "sample", "samples")}). The largest deviation was {s.LargestSubgroup}: " +
            $"{ReportText.Percent(inside.Rate)} (n={ReportText.Count(inside.Trials)}) vs {ReportText.Percent(rest.Rate)}, {(points >= 0 ? "+" : "−")}{ReportText.Number(Math.Abs(points), "0.0")} points, " +
            $"p {ReportText.PCell(s.LargestP)}, p (BH) {ReportText.PCell(s.LargestPBenjaminiHochberg)}.";
    }

    private static string Depth(int depth) => depth == 1 ? "one attribute" : $"up to {depth} attributes";

    private static string Intro(AuditView view) =>
        "The samples are split into two halves with the audit's seed. On the first, every conjunction of attribute values (configured attributes, " +
        "else every column with 2 to 20 values, up to the configured depth and minimum size) is tested against the rest (Fisher exact), " +
        "Benjamini-Hochberg over all of them; the largest significant deviation of each rate is the finding. On the second half its difference to the rest gets a " +
        $"{view.LevelText} Newcombe interval: 'found, confirmed' when it excludes 0 on the same side, else 'found, not confirmed'. " +
        "A rate with no subgroup passing the Benjamini-Hochberg threshold on the discovery half has no row; a sentence below says what was searched.";

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
