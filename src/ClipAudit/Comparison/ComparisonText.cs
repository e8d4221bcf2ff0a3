using ClipAudit.Reporting;
using ClipAudit.Audits;
using System.Globalization;
using ClipAudit.Comparison;

namespace ClipAudit.Comparison;

/// <summary>The comparison as plain-text lines for a terminal: runs, setup differences, agreement per task, largest moves.</summary>
public static class ComparisonText
{
    /// <param name="top">How many moves to list, largest first; 0 lists all.</param>
    public static IReadOnlyList<string> Lines(RunComparison comparison, int top)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var lines = new List<string>
        {
            $"base:  {comparison.BaseFolder}",
            $"other: {comparison.OtherFolder}",
        };
        lines.Add(comparison.Setup.Count == 0
            ? "setup differences: none recorded (same model files, templates and settings)"
            : $"setup differences ({comparison.Setup.Count}):");
        lines.AddRange(comparison.Setup.Select(d => $"  {d.Field}: {Short(d.Base)} -> {Short(d.Other)}"));
        lines.Add("");
        lines.AddRange(Table(
            ["task/variant", "paired", "same top-1", "max |Δp|", "mean |Δp|", "unmatched base", "unmatched other"],
            comparison.Tasks.Select(t => (IReadOnlyList<string>)
            [
                $"{t.Task}/{t.Variant}", Integer(t.Matched), $"{Integer(t.SameTopClass)} ({Number(t.SameTopClassPercent, "0.0")} %)",
                t.Probability is { } p ? Number(p.Max, "0.0000") + (p.AllClasses ? "" : "*") : "-", t.Probability is { } q ? Number(q.Mean, "0.0000") : "-",
                Integer(t.OnlyInBase.Count), Integer(t.OnlyInOther.Count),
            ]).ToList()));
        if (comparison.Tasks.Any(t => t.Probability is { AllClasses: false }))
        {
            lines.Add("* over the top classes both samples tables list: a lower bound of the largest change over all classes");
        }

        var shown = top == 0 ? comparison.Moves : comparison.Moves.Take(top).ToList();
        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{comparison.Moves.Count} group rates compared, {comparison.Significant} moved significantly (Holm-adjusted p < {1 - comparison.Level:0.###}); {(shown.Count == comparison.Moves.Count ? "all of them" : $"the {shown.Count} largest")}, largest first:"));
        lines.AddRange(Table(
            ["task/variant", "measure", "group", "n", "base %", "other %", "Δ pp", $"{comparison.Level * 100:0.#} % CI, pp", "discordant base/other", "p", "Holm p"],
            shown.Select(m => (IReadOnlyList<string>)
            [
                $"{m.Task}/{m.Variant}", m.Measure.Id, m.Group.ToString(), Integer(m.Base.Trials), Number(100 * m.Base.Rate, "0.0"), Number(100 * m.Other.Rate, "0.0"),
                Number(100 * m.Difference, "+0.0;-0.0;0.0"), $"[{Number(100 * m.Interval.Lower, "0.0")}, {Number(100 * m.Interval.Upper, "0.0")}]",
                $"{Integer(m.OnlyBase)}/{Integer(m.OnlyOther)}", PValue(m.P), PValue(m.HolmP),
            ]).ToList()));
        lines.Add("unmatched: samples only one run scored (not in any rate). discordant: paired samples in the rate under one run only (base/other), the pairs McNemar's test compares.");
        if (comparison.Counterfactual.Count > 0)
        {
            lines.Add("");
            lines.Add("counterfactual sets (paired by set id; a set flips when its members do not all get the same outcome):");
            lines.AddRange(Table(
                ["task/variant", "outcome", "sets", "flipped base", "flipped other", "discordant base/other", "p", "unmatched sets"],
                comparison.Counterfactual.Select(c => (IReadOnlyList<string>)
                [
                    $"{c.Task}/{c.Variant}", c.Outcome, Integer(c.Sets), Integer(c.FlippedBase), Integer(c.FlippedOther),
                    $"{Integer(c.OnlyBase)}/{Integer(c.OnlyOther)}", PValue(c.Test.P), Integer(c.UnmatchedSets),
                ]).ToList()));
        }

        lines.Add("");
        lines.Add("method: " + ComparisonOutput.Method(comparison) + ".");
        if (comparison.NotCompared.Count > 0)
        {
            lines.Add("not compared: " + string.Join("; ", comparison.NotCompared) + ".");
        }
        return lines;
    }

    /// <summary>Columns padded to their widest cell; the first three left-aligned (names), the rest right-aligned (numbers).</summary>
    private static IEnumerable<string> Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        return all.Select(r => string.Join("  ", r.Select((cell, c) => c < 3 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
    }

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string PValue(double p) => !double.IsFinite(p) ? "-" : p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Short(string value) => value.Length <= 72 ? value : value[..69] + "...";
}
