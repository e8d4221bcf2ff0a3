using System.Text;
using ClipAudit.Metrics.Counterfactual;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Reporting.Report;

/// <summary>
/// The "Counterfactual sets" section of report.pdf and summary.md: per task, how often the prediction (and the harm
/// flag) changed within a set of images that differ only in the varied attributes, and the paired test per attribute.
/// Shown only when the audit has a <c>counterfactual:</c> mapping.
/// </summary>
internal static class CounterfactualSection
{
    public const string Title = "Counterfactual sets";

    public static void Add(PdfDocumentBuilder doc, AuditView view)
    {
        if (view.Result.Counts.Counterfactual is not { Count: > 0 } tasks)
        {
            return;
        }

        doc.Heading(1, Title);
        doc.Paragraph(Intro(tasks, view.LevelText));
        doc.Table(FlipTable(view.Result.Counterfactual));
        if (TestTable(view.Result.Counterfactual) is { } tests)
        {
            doc.Table(tests);
        }
    }

    public static void Add(StringBuilder md, AuditView view, Action<StringBuilder, TableSpec> table)
    {
        if (view.Result.Counts.Counterfactual is not { Count: > 0 } tasks)
        {
            return;
        }

        md.Append("## ").AppendLine(Title).AppendLine();
        md.AppendLine(Intro(tasks, view.LevelText)).AppendLine();
        table(md, FlipTable(view.Result.Counterfactual));
        if (TestTable(view.Result.Counterfactual) is { } tests)
        {
            table(md, tests);
        }
    }

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
