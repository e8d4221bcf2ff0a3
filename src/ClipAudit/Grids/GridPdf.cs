using System.Globalization;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Charts;
using ClipAudit.Reporting.Pdf;

namespace ClipAudit.Grids;

/// <summary>
/// The cross-run report as PDF (grid.pdf): cells, the sensitivity sentences, a cell × group dot plot with intervals
/// per headline measure (with published values beside, where they exist), the sensitivity table, the largest paired
/// differences and the agreement matrices. Full tables are in tables/grid_*.csv.
/// </summary>
internal static class GridPdf
{
    private const int RowsShown = 25;

    public static int Write(GridAnalysis grid, string name, IReadOnlyList<string> notes, string path)
    {
        var doc = PdfDocumentBuilder.Create(new PdfDocumentOptions
        {
            Title = $"ClipAudit audit grid: {name}",
            Subject = "Cross-run report",
            Footer = $"{name} · {ToolInfo.Name} v{ToolInfo.Version} · audit grid" + (notes.Count > 0 ? " · SYNTHETIC models present" : ""),
            CreatedUtc = DateTimeOffset.UnixEpoch,
        });
        doc.TitleBlock($"Audit grid: {name}", "Cross-run report: the same samples audited under every model and measurement choice.",
        [
            new("Cells", string.Create(CultureInfo.InvariantCulture, $"{grid.Cells.Count}")),
            new("Factors", string.Join(", ", grid.Factors.Select(f => $"{f} ({string.Join(", ", grid.Cells.Select(c => c.LevelOf(f)).Distinct())})"))),
            new("Differences", string.Create(CultureInfo.InvariantCulture, $"{grid.Differences.Count} paired rows ({grid.Differences.Count(d => d.HolmP < 1 - grid.Level)} significant after Holm)")),
        ]);
        foreach (var note in notes)
        {
            doc.Paragraph("**" + note + "**");
        }

        doc.Heading(1, "How much the choices matter");
        doc.Bullets(grid.Sentences);
        doc.Heading(1, "Rates per cell");
        doc.Note($"Each dot is one cell's rate within group with its {grid.Level:P0} interval; rows are groups (overall first). A published value, where the audit's reference has one, is listed below the figure.");
        foreach (var measure in grid.Rates.Where(r => !r.Key.Grouping.IsIntersection)
                     .GroupBy(r => (r.Key.Task, r.Key.Variant, r.Key.Measure)))
        {
            var rows = measure.ToList();
            var points = rows.Select(r => new GroupedRate(r.Key.Group, r.Cell, r.Counts.Trials, r.Rate, r.Interval.Lower, r.Interval.Upper)).ToList();
            var groups = points.Select(p => p.Category).Distinct().Count();
            var title = $"{measure.Key.Task}/{measure.Key.Variant}: {rows[0].MeasureDescription}";
            doc.Figure(CellDotPlot.Create(new GroupedRateChartData("", "rate within group (%)", points)), title, Math.Clamp(90f + (groups * 14f * Math.Max(1, grid.Cells.Count / 3f)), 160f, 520f));
            var published = rows.Where(r => r.PublishedPercent is not null).ToList();
            if (published.Count > 0)
            {
                doc.Bullets(published.GroupBy(r => r.Key.Group).Select(g =>
                    $"{g.Key}: published {F(g.First().PublishedPercent!.Value)} % ({g.First().PublishedSource}); measured " +
                    string.Join(", ", g.Select(r => $"{r.Cell} {F(r.Rate * 100)} %"))));
            }
        }

        doc.Heading(1, "Choice sensitivity");
        doc.Table(new TableSpec
        {
            Caption = $"Largest spreads (overall and single attributes; intersections in tables/grid_sensitivity.csv): the range of a number over a factor's levels with the other factors fixed, beside the width of one cell's {grid.Level:P0} interval (median; widest).",
            FontSizePt = 7.5f,
            Columns = [new("task/variant", Weight: 1.3f), new("measure", Weight: 1.3f), new("group", Weight: 1.1f), new("factor", Weight: 0.9f), PdfColumn.Numeric("spread (pp)", 0.7f), new("lowest → highest", Weight: 3.2f), PdfColumn.Numeric("interval (pp)", 0.9f), new("beyond sampling", Weight: 0.7f)],
            Rows = grid.Spreads.Where(s => !s.Key.Grouping.IsIntersection).OrderByDescending(s => s.Spread).Take(RowsShown).Select(s => (IReadOnlyList<string>)
            [
                $"{s.Key.Task}/{s.Key.Variant}", s.Key.Measure, s.Key.Group, s.Factor, F(s.Spread * 100),
                $"{s.LowCell} {F(s.Low * 100)} % → {s.HighCell} {F(s.High * 100)} %", $"{F(s.MedianIntervalWidth * 100)} ({F(s.MaxIntervalWidth * 100)})", s.ExceedsSampling ? "yes" : "no",
            ]).ToList(),
        });
        doc.Heading(1, "Paired differences between cells");
        doc.Paragraph(GridMarkdown.Method(grid));
        doc.Table(new TableSpec
        {
            Caption = $"The largest differences of overall rates and single-attribute groups; all {grid.Differences.Count} rows, intersections included, are in tables/grid_differences.csv.",
            FontSizePt = 7f,
            Columns = [new("factor", Weight: 0.8f), new("first → second", Weight: 2.6f), new("task/variant", Weight: 1.3f), new("measure", Weight: 1.3f), new("group", Weight: 1.1f), PdfColumn.Numeric("n", 0.5f), PdfColumn.Numeric("diff (pp)", 0.7f), new("interval (pp)", Weight: 1.1f), PdfColumn.Numeric("Holm p", 0.8f), PdfColumn.Numeric("BH p", 0.8f)],
            Rows = grid.Differences.Where(d => !d.Move.Grouping.IsIntersection).OrderByDescending(d => Math.Abs(d.Move.Difference)).ThenBy(d => d.Move.P).Take(RowsShown).Select(d => (IReadOnlyList<string>)
            [
                d.Factor, $"{d.First} → {d.Second}", $"{d.Move.Task}/{d.Move.Variant}", d.Move.Measure.Id, d.Move.Group.ToString(), d.Move.Base.Trials.ToString(CultureInfo.InvariantCulture),
                (d.Move.Difference * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture), $"[{F(d.Move.Interval.Lower * 100)}, {F(d.Move.Interval.Upper * 100)}]",
                GridMarkdown.P(d.HolmP), GridMarkdown.P(d.BenjaminiHochbergP),
            ]).ToList(),
        });
        doc.Heading(1, "Top-1 agreement");
        foreach (var task in grid.Agreement.GroupBy(a => (a.Task, a.Variant)))
        {
            var cells = grid.Cells.Select(c => c.Id).ToList();
            doc.Table(new TableSpec
            {
                Caption = $"{task.Key.Task}/{task.Key.Variant}: % of paired samples with the same predicted class.",
                FontSizePt = cells.Count > 6 ? 6f : 7.5f,
                Columns = [new(""), .. cells.Select((_, i) => PdfColumn.Numeric($"{i + 1}"))],
                Rows = cells.Select((row, i) => (IReadOnlyList<string>)
                [
                    $"{i + 1} {row}", .. cells.Select(col => row == col ? "—" : task.FirstOrDefault(a => (a.First == row && a.Second == col) || (a.First == col && a.Second == row)) is { } a ? F(a.Percent) : ""),
                ]).ToList(),
            });
        }

        return doc.Save(path);
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
