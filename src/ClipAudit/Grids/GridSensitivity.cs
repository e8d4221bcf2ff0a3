using ClipAudit.Metrics;

namespace ClipAudit.Grids;

/// <summary>How much the measurement choices matter: each headline number's spread along each factor, and the worst group per cell.</summary>
internal static class GridSensitivity
{
    public static IReadOnlyList<GridSpread> Spreads(IReadOnlyList<string> factors, IReadOnlyList<GridCell> cells, IReadOnlyList<GridRate> rates)
    {
        var byCell = cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var spreads = new List<GridSpread>();
        foreach (var number in rates.GroupBy(r => r.Key))
        {
            var widths = number.Select(r => r.Interval.Upper - r.Interval.Lower).Order().ToArray();
            var median = widths.Length % 2 == 1 ? widths[widths.Length / 2] : (widths[(widths.Length / 2) - 1] + widths[widths.Length / 2]) / 2;
            foreach (var factor in factors)
            {
                // Within each setting of the other factors, the range over this factor's levels.
                GridSpread? widest = null;
                foreach (var context in number.GroupBy(r => Context(byCell[r.Cell], factor), StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    var low = context.MinBy(r => r.Rate)!;
                    var high = context.MaxBy(r => r.Rate)!;
                    var range = high.Rate - low.Rate;
                    if (widest is null || range > widest.Spread)
                    {
                        widest = new GridSpread(number.Key, low.MeasureDescription, factor, range, context.Key, low.Cell, low.Rate, high.Cell, high.Rate, median, widths[^1]);
                    }
                }

                if (widest is not null)
                {
                    spreads.Add(widest);
                }
            }
        }

        return spreads;
    }

    /// <summary>The other factors' levels of a cell, e.g. "weights fp32, templates one"; "" when the grid has only this factor.</summary>
    internal static string Context(GridCell cell, string factor) =>
        string.Join(", ", cell.Factors.Where(f => f.Name != factor).Select(f => $"{f.Name} {f.Level}"));

    /// <summary>
    /// Per task, variant, measure and grouping (overall excluded): the worst group of each cell as the audit's own frame
    /// decides it (highest harm rate: GroupMax; lowest accuracy: GroupMin; compared groups only, ties to the earlier group).
    /// </summary>
    public static IReadOnlyList<GridWorstGroup> WorstGroups(IReadOnlyList<GridCellData> cells)
    {
        var answers = new List<(string Task, string Variant, string Measure, string Description, Grouping Grouping, string Cell, string? Group)>();
        foreach (var cell in cells)
        {
            foreach (var stats in cell.Result.Rates.Where(s => GridStatistics.IsHeadline(s.Measure) && !s.Grouping.IsOverall))
            {
                var worst = stats.Measure.Kind == MeasureKind.Accuracy ? stats.Frame.GroupMin : stats.Frame.GroupMax;
                answers.Add((stats.Task, stats.Variant, stats.Measure.Id, stats.Measure.Description, stats.Grouping, cell.Cell.Id, worst?.Group.ToString()));
            }
        }

        var result = new List<GridWorstGroup>();
        foreach (var question in answers.GroupBy(a => (a.Task, a.Variant, a.Measure, a.Description, a.Grouping)))
        {
            var decided = question.Where(a => a.Group is not null).ToList();
            if (decided.Count == 0)
            {
                continue;
            }

            // The most common answer; ties go to the answer of the earlier cell, so the choice is deterministic.
            var modal = decided.GroupBy(a => a.Group!, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First().Key;
            result.Add(new GridWorstGroup(
                question.Key.Task, question.Key.Variant, question.Key.Measure, question.Key.Description, question.Key.Grouping, modal,
                decided.Count(a => a.Group == modal), question.Count(),
                question.Where(a => a.Group != modal).Select(a => (a.Cell, a.Group ?? "none (no group large enough)")).ToList()));
        }

        return result;
    }
}
