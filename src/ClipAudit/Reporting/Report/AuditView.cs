using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Scoring;

namespace ClipAudit.Reporting.Report;

/// <summary>One task as the report shows it: its base-variant statistics by measure, its groupings and distributions.</summary>
internal sealed record TaskView(
    string Task,
    TaskCounts Base,
    IReadOnlyList<TaskCounts> Variants,
    IReadOnlyList<Measure> Measures,
    IReadOnlyList<MeasureStatistics> Rates,
    IReadOnlyList<ClassDistribution> Distributions)
{
    /// <summary>Statistics of one measure under every grouping, single-attribute groupings first (config order).</summary>
    public IReadOnlyList<MeasureStatistics> For(Measure measure) => Rates.Where(r => r.Measure == measure).ToList();
}

/// <summary>
/// Reads an <see cref="AuditResult"/> the way the report presents it: tasks in config order, the base variant as the
/// headline, single-attribute groupings versus intersections, and the comparisons the summary quotes.
/// </summary>
internal sealed class AuditView
{
    private AuditView(AuditResult result, IReadOnlyList<TaskView> tasks)
    {
        Result = result;
        Tasks = tasks;
    }

    public AuditResult Result { get; }

    public AuditProvenance Provenance => Result.Counts.Provenance;

    public IReadOnlyList<TaskView> Tasks { get; }

    /// <summary>True for generated weights (the demo): every page must say so.</summary>
    /// <summary>Recorded at audit time from the model's manifest (<c>synthetic: true</c>), never guessed from names.</summary>
    public bool IsSynthetic => Provenance.Model.Synthetic;

    public string LevelText => ReportText.Level(Result.Options.Level);

    public static AuditView Create(AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tasks = result.Counts.Tasks
            .GroupBy(t => t.Task, StringComparer.Ordinal)
            .Select(g =>
            {
                var baseCounts = g.FirstOrDefault(t => t.Variant == ZeroShotScorer.BaseVariant) ?? g.First();
                var rates = result.Rates.Where(r => r.Task == g.Key && r.Variant == baseCounts.Variant)
                    .OrderBy(r => r.Grouping.IsIntersection ? 1 : 0).ToList(); // stable: config order within each kind
                var measures = rates.Select(r => r.Measure).Distinct().ToList();
                var distributions = result.Distributions.Where(d => d.Task == g.Key && d.Variant == baseCounts.Variant).ToList();
                return new TaskView(g.Key, baseCounts, g.ToList(), measures, rates, distributions);
            })
            .ToList();
        return new AuditView(result, tasks);
    }

    /// <summary>The pairwise test of a group against the reference, whichever order the frame stored the pair in.</summary>
    public static PairwiseComparison? PairWithReference(MeasureStatistics stats, GroupKey group)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return stats.Reference is not { } reference
            ? null
            : stats.Frame.Pairwise.FirstOrDefault(p => (p.First == group && p.Second == reference) || (p.First == reference && p.Second == group));
    }

    /// <summary>
    /// The largest difference to the reference group per task and measure, largest first: over single-attribute
    /// groupings (intersections only when there are none). Comparisons whose difference is undefined are skipped.
    /// </summary>
    public IReadOnlyList<Finding> LargestDisparities(int max)
    {
        var findings = new List<Finding>();
        foreach (var task in Tasks)
        {
            foreach (var measure in task.Measures)
            {
                var best = task.For(measure)
                    .SelectMany(s => s.ToReference.Select(c => (Stats: s, Comparison: c)))
                    .Where(x => !double.IsNaN(x.Comparison.Difference.Value))
                    .OrderBy(x => x.Stats.Grouping.IsIntersection ? 1 : 0) // an intersection's default reference is merely its largest cell
                    .ThenByDescending(x => Math.Abs(x.Comparison.Difference.Value))
                    .FirstOrDefault();
                if (best.Stats is not null)
                {
                    findings.Add(new Finding(best.Stats, best.Comparison));
                }
            }
        }

        return findings.OrderByDescending(f => Math.Abs(f.Comparison.Difference.Value)).Take(max).ToList();
    }

    /// <summary>
    /// True when the finding's Holm-adjusted Fisher p against the reference is below 1 − level. The summary lists
    /// only these as "the largest differences"; a p of 1.000 among them read as a finding when it is not one.
    /// </summary>
    public bool IsSignificant(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return PairWithReference(finding.Stats, finding.Comparison.Group) is { } pair && pair.HolmP < 1 - Result.Options.Level;
    }

    /// <summary>The largest per-group change between variants (single-attribute groups before intersections; not "overall").</summary>
    public (SensitivityResult Result, RateShift Shift)? LargestShift() =>
        Result.Sensitivity
            .Where(s => !s.Grouping.IsOverall)
            .SelectMany(s => s.Shifts.Select(r => (Result: s, Shift: r)))
            .Where(x => !double.IsNaN(x.Shift.Change))
            .OrderBy(x => x.Result.Grouping.IsIntersection ? 1 : 0)
            .ThenByDescending(x => Math.Abs(x.Shift.Change))
            .Select(x => ((SensitivityResult, RateShift)?)(x.Result, x.Shift))
            .FirstOrDefault();

    /// <summary>The frame of a group's rate under its grouping (the same counts behind a comparison).</summary>
    public static GroupRate? RateOf(MeasureStatistics stats, GroupKey group) => stats.Frame.ByGroup.FirstOrDefault(g => g.Group == group);
}

/// <summary>A group against its grouping's reference group under one measure.</summary>
internal sealed record Finding(MeasureStatistics Stats, GroupComparison Comparison);
