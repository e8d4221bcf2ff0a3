using System.Globalization;
using System.Text;
using ClipAudit.Metrics;

namespace ClipAudit.Grids;

/// <summary>The cross-run report as Markdown (grid.md): cells, the sensitivity sentences and table, paired differences, agreement, rates.</summary>
internal static class GridMarkdown
{
    /// <summary>Rows of a long table shown in the report; the CSV has all of them.</summary>
    public const int MaxRows = 40;

    public static string Write(GridAnalysis grid, string name, IReadOnlyList<string> notes)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Audit grid: {name}\n\n");
        foreach (var note in notes)
        {
            md.Append(CultureInfo.InvariantCulture, $"> {note}\n\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"{grid.Cells.Count} cells: {string.Join(" × ", grid.Factors.Select(f => $"{grid.Cells.Select(c => c.LevelOf(f)).Distinct().Count()} {f}{(f == GridAxisNames.Model ? "s" : " levels")}"))}. Each cell is a full audit in `cells/<cell>/` (results.json, tables, report.pdf).\n\n");
        md.Append("| cell | " + string.Join(" | ", grid.Factors) + " |\n|---|" + string.Concat(grid.Factors.Select(_ => "---|")) + "\n");
        foreach (var cell in grid.Cells)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {cell.Id} | {string.Join(" | ", cell.Factors.Select(f => f.Level))} |\n");
        }

        md.Append("\n## How much the choices matter\n\n");
        foreach (var sentence in grid.Sentences)
        {
            md.Append(CultureInfo.InvariantCulture, $"- {sentence}\n");
        }

        md.Append("\n## Choice sensitivity (largest spreads)\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Spread: the largest range of the number over the factor's levels with the other factors fixed. Interval: the width of one cell's {grid.Level:P0} interval for the same number (median over cells; widest).\n\n");
        md.Append("| task/variant | measure | group | factor | spread (pp) | lowest → highest | interval width (pp) | beyond sampling |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var s in grid.Spreads.OrderByDescending(s => s.Spread).Take(MaxRows))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {s.Key.Task}/{s.Key.Variant} | {s.Key.Measure} | {s.Key.Group} | {s.Factor} | {s.Spread * 100:0.0} | {s.LowCell} {s.Low * 100:0.0} % → {s.HighCell} {s.High * 100:0.0} % | {s.MedianIntervalWidth * 100:0.0} (widest {s.MaxIntervalWidth * 100:0.0}) | {(s.ExceedsSampling ? "yes" : "no")} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\n## Paired differences between cells (largest |difference| of {grid.Differences.Count})\n\n{Method(grid)}\n\n");
        md.Append("| factor | first → second | task/variant | measure | group | n | first | second | difference (pp) | interval (pp) | McNemar p | Holm p | BH p |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var d in grid.Differences.OrderByDescending(d => Math.Abs(d.Move.Difference)).ThenBy(d => d.Move.P).Take(MaxRows))
        {
            md.Append(DifferenceRow(d));
        }

        md.Append("\n## Top-1 agreement (% of paired samples with the same predicted class)\n\n");
        foreach (var task in grid.Agreement.GroupBy(a => (a.Task, a.Variant)))
        {
            md.Append(string.Create(CultureInfo.InvariantCulture, $"**{task.Key.Task}/{task.Key.Variant}**\n\n| | ") + string.Join(" | ", grid.Cells.Select(c => c.Id)) + " |\n|---|" + string.Concat(grid.Cells.Select(_ => "---|")) + "\n");
            foreach (var row in grid.Cells)
            {
                md.Append(string.Create(CultureInfo.InvariantCulture, $"| {row.Id} | ") + string.Join(" | ", grid.Cells.Select(col => AgreementCell(task, row.Id, col.Id))) + " |\n");
            }

            md.Append('\n');
        }

        md.Append("## Rates per cell\n\n");
        foreach (var measure in grid.Rates.Where(r => !r.Key.Grouping.IsIntersection)
                     .GroupBy(r => (r.Key.Task, r.Key.Variant, r.Key.Measure)))
        {
            md.Append(CultureInfo.InvariantCulture, $"**{measure.Key.Task}/{measure.Key.Variant}: {measure.First().MeasureDescription}** (percent, {grid.Level:P0} interval)\n\n");
            var groups = measure.Select(r => r.Key.Group).Distinct().ToList();
            var published = measure.Any(r => r.PublishedPercent is not null);
            md.Append("| cell | " + string.Join(" | ", groups) + " |\n|---|" + string.Concat(groups.Select(_ => "---|")) + "\n");
            var byCell = measure.ToLookup(r => r.Cell);
            foreach (var cell in grid.Cells)
            {
                md.Append(string.Create(CultureInfo.InvariantCulture, $"| {cell.Id} | ") + string.Join(" | ", groups.Select(g => byCell[cell.Id].FirstOrDefault(r => r.Key.Group == g) is { } r
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.Rate * 100:0.0} [{r.Interval.Lower * 100:0.0}, {r.Interval.Upper * 100:0.0}]{(r.BelowMinimumSize ? " (small)" : "")}")
                    : "")) + " |\n");
            }

            if (published)
            {
                md.Append("| published | " + string.Join(" | ", groups.Select(g => measure.FirstOrDefault(r => r.Key.Group == g && r.PublishedPercent is not null) is { } p
                    ? string.Create(CultureInfo.InvariantCulture, $"{p.PublishedPercent:0.0} ({p.PublishedSource})")
                    : "")) + " |\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    public static string Method(GridAnalysis grid) => string.Create(CultureInfo.InvariantCulture,
        $"Pairs of cells that differ in exactly one factor, samples paired by id; {grid.Level:P0} Newcombe paired intervals (method 10) for rate(second) − rate(first); " +
        $"McNemar's test (exact binomial below {McNemarTest.ExactBelowDiscordant} discordant samples, χ² with continuity correction otherwise); " +
        $"Holm and Benjamini–Hochberg over all {grid.Differences.Count(d => !double.IsNaN(d.Move.P))} tested differences of the grid (groups below the minimum size are not tested).");

    internal static string DifferenceRow(GridDifference d) => string.Create(CultureInfo.InvariantCulture,
        $"| {d.Factor} | {d.FirstLevel} → {d.SecondLevel} ({Context(d)}) | {d.Move.Task}/{d.Move.Variant} | {d.Move.Measure.Id} | {d.Move.Group} | {d.Move.Base.Trials} | {d.Move.Base.Rate * 100:0.0} % | {d.Move.Other.Rate * 100:0.0} % | " +
        $"{d.Move.Difference * 100:+0.0;-0.0;0.0} | [{d.Move.Interval.Lower * 100:0.0}, {d.Move.Interval.Upper * 100:0.0}] | {P(d.Move.P)} | {P(d.HolmP)} | {P(d.BenjaminiHochbergP)} |\n");

    private static string Context(GridDifference d)
    {
        // The cell ids share every level but the factor's; name the shared ones once.
        var first = d.First.Split("__");
        var second = d.Second.Split("__");
        var shared = first.Zip(second).Where(p => p.First == p.Second).Select(p => p.First).ToList();
        return shared.Count == 0 ? "-" : string.Join(", ", shared);
    }

    private static string AgreementCell(IEnumerable<GridAgreement> task, string row, string column)
    {
        if (row == column)
        {
            return "—";
        }

        var a = task.FirstOrDefault(x => (x.First == row && x.Second == column) || (x.First == column && x.Second == row));
        return a is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{a.Percent:0.0}");
    }

    internal static string P(double p) => double.IsNaN(p) ? "not tested" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
