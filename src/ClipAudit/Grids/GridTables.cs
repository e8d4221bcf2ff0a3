using ClipAudit.Reporting.Tables;

namespace ClipAudit.Grids;

/// <summary>
/// The grid's tables (tables/grid_*.csv|parquet): rates one row per cell × group × measure, paired differences,
/// agreement and sensitivity. Rates, widths and differences in percent (points), as compare.csv writes them.
/// </summary>
internal static class GridTables
{
    public static IEnumerable<TableData> All(GridAnalysis grid)
    {
        yield return Rates(grid);
        yield return Differences(grid);
        yield return Agreement(grid);
        yield return Sensitivity(grid);
    }

    public static TableData Rates(GridAnalysis grid)
    {
        var cells = grid.Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        TableColumn[] columns =
        [
            new("cell", ColumnKind.Text), .. grid.Factors.Select(f => new TableColumn(f, ColumnKind.Text)),
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text), new("group", ColumnKind.Text),
            new("x", ColumnKind.Integer), new("n", ColumnKind.Integer), new("percent", ColumnKind.Number), new("lower_percent", ColumnKind.Number), new("upper_percent", ColumnKind.Number),
            new("below_min_group_size", ColumnKind.Boolean), new("published_percent", ColumnKind.Number), new("published_source", ColumnKind.Text),
        ];
        var rows = grid.Rates.Select(r => (IReadOnlyList<object?>)
        [
            r.Cell, .. grid.Factors.Select(f => (object?)cells[r.Cell].LevelOf(f)),
            r.Key.Task, r.Key.Variant, r.Key.Measure, r.Key.Grouping.Name, r.Key.Group,
            r.Counts.Successes, r.Counts.Trials, Percent(r.Rate), Percent(r.Interval.Lower), Percent(r.Interval.Upper),
            r.BelowMinimumSize, r.PublishedPercent, r.PublishedSource,
        ]).ToList();
        return new TableData("grid_rates", columns, rows);
    }

    public static TableData Differences(GridAnalysis grid)
    {
        TableColumn[] columns =
        [
            new("factor", ColumnKind.Text), new("first", ColumnKind.Text), new("second", ColumnKind.Text), new("first_level", ColumnKind.Text), new("second_level", ColumnKind.Text),
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text), new("group", ColumnKind.Text),
            new("n", ColumnKind.Integer), new("first_x", ColumnKind.Integer), new("second_x", ColumnKind.Integer), new("first_percent", ColumnKind.Number), new("second_percent", ColumnKind.Number),
            new("difference_pp", ColumnKind.Number), new("lower_pp", ColumnKind.Number), new("upper_pp", ColumnKind.Number),
            new("discordant_first", ColumnKind.Integer), new("discordant_second", ColumnKind.Integer), new("test", ColumnKind.Text),
            new("p", ColumnKind.Number), new("holm_p", ColumnKind.Number), new("bh_p", ColumnKind.Number), new("significant_holm", ColumnKind.Boolean),
            new("unmatched_first", ColumnKind.Integer), new("unmatched_second", ColumnKind.Integer),
        ];
        var alpha = 1 - grid.Level;
        var rows = grid.Differences.Select(d => (IReadOnlyList<object?>)
        [
            d.Factor, d.First, d.Second, d.FirstLevel, d.SecondLevel, d.Move.Task, d.Move.Variant, d.Move.Measure.Id, d.Move.Grouping.Name, d.Move.Group.ToString(),
            d.Move.Base.Trials, d.Move.Base.Successes, d.Move.Other.Successes, Percent(d.Move.Base.Rate), Percent(d.Move.Other.Rate),
            Percent(d.Move.Difference), Percent(d.Move.Interval.Lower), Percent(d.Move.Interval.Upper), d.Move.OnlyBase, d.Move.OnlyOther, d.Move.Test.ToString(),
            Finite(d.Move.P), Finite(d.HolmP), Finite(d.BenjaminiHochbergP), d.HolmP < alpha, (long)d.Move.UnmatchedBase, (long)d.Move.UnmatchedOther,
        ]).ToList();
        return new TableData("grid_differences", columns, rows);
    }

    public static TableData Agreement(GridAnalysis grid)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("first", ColumnKind.Text), new("second", ColumnKind.Text),
            new("paired", ColumnKind.Integer), new("same_top_class", ColumnKind.Integer), new("same_top_class_percent", ColumnKind.Number),
        ];
        var rows = grid.Agreement.Select(a => (IReadOnlyList<object?>)
            [a.Task, a.Variant, a.First, a.Second, (long)a.Matched, (long)a.SameTopClass, Finite(a.Percent)]).ToList();
        return new TableData("grid_agreement", columns, rows);
    }

    public static TableData Sensitivity(GridAnalysis grid)
    {
        TableColumn[] columns =
        [
            new("task", ColumnKind.Text), new("variant", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text), new("group", ColumnKind.Text),
            new("factor", ColumnKind.Text), new("spread_pp", ColumnKind.Number), new("at", ColumnKind.Text), new("low_cell", ColumnKind.Text), new("low_percent", ColumnKind.Number),
            new("high_cell", ColumnKind.Text), new("high_percent", ColumnKind.Number), new("median_interval_width_pp", ColumnKind.Number),
            new("max_interval_width_pp", ColumnKind.Number), new("exceeds_sampling", ColumnKind.Boolean),
        ];
        var rows = grid.Spreads.Select(s => (IReadOnlyList<object?>)
        [
            s.Key.Task, s.Key.Variant, s.Key.Measure, s.Key.Grouping.Name, s.Key.Group, s.Factor, Percent(s.Spread), s.Where, s.LowCell, Percent(s.Low),
            s.HighCell, Percent(s.High), Percent(s.MedianIntervalWidth), Percent(s.MaxIntervalWidth), s.ExceedsSampling,
        ]).ToList();
        return new TableData("grid_sensitivity", columns, rows);
    }

    private static double? Percent(double value) => Finite(100 * value);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
