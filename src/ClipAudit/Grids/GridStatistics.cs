using ClipAudit.Comparison;
using ClipAudit.Errors;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Report;

namespace ClipAudit.Grids;

/// <summary>
/// The cross-run analysis of a grid: every cell's headline rates, paired differences between cells that differ in one
/// factor (the compare command's <see cref="RateMoves"/>), top-1 agreement between every two cells (compare's
/// <see cref="SamplePairing"/>, its top-1 count), how far each number moves along each factor and whether the worst group stays the same.
/// </summary>
internal static class GridStatistics
{
    public static GridAnalysis Compute(IReadOnlyList<string> factors, IReadOnlyList<GridCellData> cells)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            throw new ArgumentException("A grid analysis needs at least one cell.", nameof(cells));
        }

        var level = cells[0].Result.Options.Level;
        var rates = cells.SelectMany(Rates).ToList();
        var differences = Differences(factors, cells, level);
        var agreement = Agreement(cells);
        var spreads = GridSensitivity.Spreads(factors, cells.Select(c => c.Cell).ToList(), rates);
        var worst = GridSensitivity.WorstGroups(cells);
        return new GridAnalysis(factors, cells.Select(c => c.Cell).ToList(), level, rates, differences, agreement, spreads, worst,
            GridSentences.Write(factors, cells.Count, spreads, worst, level));
    }

    /// <summary>Headline measures only (accuracy and harm rates): class shares are distributions, not headline numbers.</summary>
    internal static bool IsHeadline(Measure measure) => measure.Kind != MeasureKind.ClassShare;

    private static IEnumerable<GridRate> Rates(GridCellData cell)
    {
        var published = PublishedComparison.Match(cell.Result, cell.Counts.Provenance.Published)
            .Where(r => r.Group is not null)
            .GroupBy(r => Key(r.Stats, r.Group!))
            .ToDictionary(g => g.Key, g => g.First());
        var overallDone = new HashSet<(string, string, string)>();
        foreach (var stats in cell.Result.Rates.Where(s => IsHeadline(s.Measure)))
        {
            var groups = stats.Frame.ByGroup.AsEnumerable();
            if (overallDone.Add((stats.Task, stats.Variant, stats.Measure.Id)))
            {
                groups = groups.Prepend(stats.Frame.Overall);
            }

            foreach (var group in groups)
            {
                var key = Key(stats, group.Group);
                var rate = new GridRate(cell.Cell.Id, key, stats.Measure.Description, group.Counts, group.Rate, group.Interval, group.BelowMinimumSize);
                yield return published.TryGetValue(key, out var p)
                    ? rate with { PublishedPercent = p.Published.Percent, PublishedSource = p.Published.Table }
                    : rate;
            }
        }
    }

    private static GridRateKey Key(Audits.MeasureStatistics stats, GroupKey group) =>
        new(stats.Task, stats.Variant, stats.Measure.Id, group.IsOverall ? Grouping.Overall : stats.Grouping, group.ToString());

    /// <summary>The factor two cells differ in, or null when they differ in none or in more than one.</summary>
    internal static string? SingleDifference(IReadOnlyList<string> factors, GridCell first, GridCell second)
    {
        var differing = factors.Where(f => first.LevelOf(f) != second.LevelOf(f)).ToList();
        return differing.Count == 1 ? differing[0] : null;
    }

    private static List<GridDifference> Differences(IReadOnlyList<string> factors, IReadOnlyList<GridCellData> cells, double level)
    {
        var pairs = new List<(GridCellData First, GridCellData Second, string Factor)>();
        for (var i = 0; i < cells.Count; i++)
        {
            for (var j = i + 1; j < cells.Count; j++)
            {
                if (SingleDifference(factors, cells[i].Cell, cells[j].Cell) is { } factor)
                {
                    pairs.Add((cells[i], cells[j], factor));
                }
            }
        }

        // Pairs are independent: computed in parallel, kept in pair order so the rows (and the files) never depend on scheduling.
        var perPair = new List<GridDifference>[pairs.Count];
        try
        {
            Parallel.For(0, pairs.Count, k => perPair[k] = PairDifferences(pairs[k], level));
        }
        catch (AggregateException ex)
        {
            // An incomparable pair is an input error: surface it as itself (exit code 2), not wrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        var rows = perPair.SelectMany(p => p).ToList();

        // One family: every tested difference of the grid (groups below the minimum size have P NaN and stay out).
        var tested = Enumerable.Range(0, rows.Count).Where(i => !double.IsNaN(rows[i].Move.P)).ToList();
        var p = tested.Select(i => rows[i].Move.P).ToList();
        var holm = PValueAdjustment.Holm(p);
        var bh = PValueAdjustment.BenjaminiHochberg(p);
        for (var k = 0; k < tested.Count; k++)
        {
            rows[tested[k]] = rows[tested[k]] with { HolmP = holm[k], BenjaminiHochbergP = bh[k] };
        }

        return rows;
    }

    private static List<GridDifference> PairDifferences((GridCellData First, GridCellData Second, string Factor) pair, double level)
    {
        var (first, second, factor) = pair;
        var folder = new RunFolder(first.Cell.Folder, first.Counts, first.Scores);
        var found = new List<GridDifference>();
        foreach (var task in first.Counts.Tasks)
        {
            var (a, b) = (Table(first, task.Task, task.Variant), Table(second, task.Task, task.Variant));
            CheckSameClasses(first, second, a, b);
            var moves = RateMoves.Compute(task, a, b, folder.Groupings(task.Task, task.Variant), level, first.Counts.Provenance.Statistics.MinGroupSize);
            found.AddRange(moves.Select(m => new GridDifference(factor, first.Cell.Id, second.Cell.Id, first.Cell.LevelOf(factor), second.Cell.LevelOf(factor), m, double.NaN, double.NaN)));
        }

        return found;
    }

    private static List<GridAgreement> Agreement(IReadOnlyList<GridCellData> cells)
    {
        var rows = new List<GridAgreement>();
        foreach (var task in cells[0].Counts.Tasks)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                for (var j = i + 1; j < cells.Count; j++)
                {
                    var (matched, same) = SamplePairing.TopOneAgreement(Table(cells[i], task.Task, task.Variant), Table(cells[j], task.Task, task.Variant));
                    rows.Add(new GridAgreement(task.Task, task.Variant, cells[i].Cell.Id, cells[j].Cell.Id, matched, same));
                }
            }
        }

        return rows;
    }

    private static Scoring.ScoreTable Table(GridCellData cell, string task, string variant) =>
        cell.Scores.FirstOrDefault(s => s.TaskId == task && s.Variant == variant)
        ?? throw new IncomparableRunsException(
            $"Grid cell '{cell.Cell.Id}' has no scores for task '{task}' variant '{variant}', which other cells have. Every cell must run the same tasks and variants; re-run the grid.",
            cell.Cell.Folder);

    private static void CheckSameClasses(GridCellData first, GridCellData second, Scoring.ScoreTable a, Scoring.ScoreTable b)
    {
        if (!a.Classes.Select(c => c.Id).SequenceEqual(b.Classes.Select(c => c.Id)))
        {
            throw new IncomparableRunsException(
                $"Grid cells '{first.Cell.Id}' and '{second.Cell.Id}' score task '{a.TaskId}' variant '{a.Variant}' with different classes " +
                $"([{string.Join(", ", a.Classes.Select(c => c.Id))}] vs [{string.Join(", ", b.Classes.Select(c => c.Id))}]), so their rates cannot be paired. Template sets may change templates only.",
                second.Cell.Folder);
        }
    }
}
