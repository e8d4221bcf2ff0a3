using System.Text;
using ClipAudit.Metrics.Counterfactual;
using ClipAudit.Reporting.Pdf;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// The "Counterfactual sets" section of report.pdf and summary.md: per task, how often the prediction (and the harm
/// flag) changed within a set of images that differ only in the varied attributes, and the paired test per attribute.
/// With a <c>retrieval:</c> analysis, also MaxSkew of each query within the sets. Shown only when the audit has a <c>counterfactual:</c> mapping.
/// </summary>
internal static class CounterfactualSection
{
    public const string Title = "Counterfactual sets";

    public static void Add(PdfDocumentBuilder doc, AuditView view) => Of(view)?.AddTo(doc);

    public static void Add(StringBuilder md, AuditView view, Action<StringBuilder, TableSpec> table) => Of(view)?.AddTo(md, table);

    /// <summary>The section's paragraphs and tables; null when the audit has no <c>counterfactual:</c> mapping.</summary>
    public static ReportSectionParts? Of(AuditView view)
    {
        if (view.Result.Counts.Counterfactual is not { Count: > 0 } tasks)
        {
            return null;
        }

        List<SectionPart> parts = [SectionPart.Paragraph(Intro(tasks, view.LevelText)), SectionPart.Of(FlipTable(view.Result.Counterfactual))];
        if (TestTable(view.Result.Counterfactual) is { } tests)
        {
            parts.Add(SectionPart.Of(tests));
        }

        if (view.Result.Counts.CounterfactualRetrieval is { Count: > 0 } retrieval)
        {
            parts.Add(SectionPart.Paragraph(RetrievalIntro(retrieval)));
            parts.Add(SectionPart.Of(RetrievalTable(retrieval)));
        }

        return new ReportSectionParts("counterfactual", Title, parts);
    }

    private static string RetrievalIntro(IReadOnlyList<SetRetrievalSkewSummary> retrieval) =>
        $"Retrieval within sets: each retrieval query ranks the members of every set by cosine similarity (ties by sample id), and MaxSkew@k " +
        "is the largest ln(share of a value in the top k / its share in the set) over the values present in the top k (k clamped to the set size − 1). " +
        "The members share the scene, so a skew here comes from the varied attribute alone. A set whose top k keeps the set's proportions has MaxSkew 0; " +
        "when the query ranks no value of the attribute up, each value over-represents in a share of the sets close to its share of the members, " +
        "and a value over-represented in many more sets than the others is ranked up by the query. " +
        "In a set with one member per value MaxSkew@k is ln(set size / k) whatever the order, so there the counts per value carry the information, not the mean. " +
        $"{ReportText.CountOf(retrieval.Select(r => r.Query).Distinct(StringComparer.Ordinal).Count(), "query", "queries")}; sets with fewer than two values of the attribute are not ranked.";

    private static TableSpec RetrievalTable(IReadOnlyList<SetRetrievalSkewSummary> retrieval) => new()
    {
        Columns =
        [
            new PdfColumn("Query"), new PdfColumn("Attribute"), PdfColumn.Numeric("k"), PdfColumn.Numeric("Sets ranked"), PdfColumn.Numeric("Mean MaxSkew"),
            new PdfColumn("Sets over-representing each value"), PdfColumn.Numeric("Not ranked"),
        ],
        Rows = retrieval.Select(r => (IReadOnlyList<string>)
        [
            r.Query, r.Attribute, ReportText.Count(r.K), ReportText.Count(r.Sets.Count), ReportText.Number(r.MeanMaxSkew, "0.000"),
            OverRepresenting(r), ReportText.Count(r.SetsNotMeasured),
        ]).ToList(),
        Caption = "MaxSkew@k of retrieval queries within counterfactual sets",
    };

    /// <summary>Every value of the attribute seen in the ranked sets, with the number of sets whose top k over-represents it (0 included).</summary>
    private static string OverRepresenting(SetRetrievalSkewSummary r) => string.Join(", ", r.Sets.SelectMany(s => s.Values.Select(v => v.Value))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
        .Select(v => $"{v} {ReportText.Count(r.SetsOverRepresenting.GetValueOrDefault(v))}"));

    private static string Intro(IReadOnlyList<CounterfactualTask> tasks, string level)
    {
        var first = tasks[0];
        var sets = first.Sets.Count;
        var comparable = first.Sets.Count(s => s.Members.Count >= 2);
        return $"Samples with the same '{first.SetAttribute}' form a set: the same scene varied only in {string.Join(" and ", first.Varied)}. " +
            $"{ReportText.CountOf(sets, "set", "sets")} ({ReportText.Count(comparable)} with two members or more; {ReportText.CountOf(first.SamplesWithoutSet, "scored sample", "scored samples")} without a set id). " +
            $"A set flips when its members do not all get the same outcome; rates are shares of sets with {level} Wilson intervals. " +
            "Each varied attribute is tested on blocks of one set and one value of the other varied attributes: McNemar's test for two values " +
            "(exact below 25 discordant blocks), Cochran's Q for more; p-values adjusted by Holm and Benjamini-Hochberg within each task and variant.";
    }

    private static TableSpec FlipTable(CounterfactualSummary summary) => new()
    {
        Columns = [new PdfColumn("Task"), new PdfColumn("Variant"), new PdfColumn("Outcome"), PdfColumn.Numeric("Sets flipped"), PdfColumn.Numeric("Flip rate"), PdfColumn.Numeric("Interval")],
        Rows = summary.FlipRates.Select(f => (IReadOnlyList<string>)
        [
            f.Task, f.Variant, f.Outcome == "harm" ? "harm flag" : "predicted class", $"{ReportText.Count(f.Counts.Successes)} of {ReportText.Count(f.Counts.Trials)}",
            ReportText.Percent(f.Counts.Rate), ReportText.IntervalPercent(f.Interval),
        ]).ToList(),
        Caption = "Sets whose outcome changes across their members",
    };

    private static TableSpec? TestTable(CounterfactualSummary summary) => summary.Tests.Count == 0 ? null : new()
    {
        Columns =
        [
            new PdfColumn("Task"), new PdfColumn("Outcome"), new PdfColumn("Attribute"), new PdfColumn("Outcome count per value", Weight: 0),
            PdfColumn.Numeric("Blocks"), new PdfColumn("Test"), PdfColumn.Numeric("Statistic"), PdfColumn.Numeric("p"), PdfColumn.Numeric("p (Holm)"), PdfColumn.Numeric("p (BH)"),
        ],
        Rows = summary.Tests.Select(t => (IReadOnlyList<string>)
        [
            t.Variant == "base" ? t.Task : $"{t.Task} ({t.Variant})", t.Outcome, t.Attribute,
            string.Join(", ", t.Values.Zip(t.Successes, (v, s) => $"{v} {ReportText.Count(s)}")),
            t.IncompleteBlocks > 0 ? $"{ReportText.Count(t.Blocks)} (+{ReportText.Count(t.IncompleteBlocks)} incomplete)" : ReportText.Count(t.Blocks),
            t.Test, ReportText.Number(t.Statistic, "0.###"), ReportText.PCell(t.P), ReportText.PCell(t.PHolm), ReportText.PCell(t.PBenjaminiHochberg),
        ]).ToList(),
        Caption = "Paired tests per varied attribute (complete blocks only)",
    };
}
