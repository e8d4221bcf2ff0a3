using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Report;
using ClipAudit.Reporting.Tables;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Notebooks;

/// <summary>
/// Published values beside measured rates for notebooks, paired by the report's own rule
/// (<see cref="PublishedComparison.Match"/>): the links the audit recorded when the values are the ones it recorded,
/// otherwise links inferred from the audit's tasks and measures (<see cref="PublishedComparison.InferLinks"/>).
/// </summary>
internal static class PublishedMatch
{
    public static TableData Table(AuditResult result, PublishedValues published)
    {
        ArgumentNullException.ThrowIfNull(published);
        TableColumn[] columns =
        [
            new("table", ColumnKind.Text), new("metric", ColumnKind.Text), new("variant", ColumnKind.Text), new("group", ColumnKind.Text),
            new("published_percent", ColumnKind.Number), new("published_lower", ColumnKind.Number), new("published_upper", ColumnKind.Number),
            new("task", ColumnKind.Text), new("measure", ColumnKind.Text), new("grouping", ColumnKind.Text),
            new("x", ColumnKind.Integer), new("n", ColumnKind.Integer), new("measured_percent", ColumnKind.Number), new("measured_lower", ColumnKind.Number), new("measured_upper", ColumnKind.Number),
        ];
        var reference = ReferenceFor(result, published);
        var matched = PublishedComparison.Match(result, reference).ToLookup(r => r.Published);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var value in published.Values)
        {
            object?[] head = [value.Table, value.Metric, value.Variant ?? ZeroShotScorer.BaseVariant, value.Group, value.Percent, value.IntervalLowPercent, value.IntervalHighPercent];
            if (matched.Contains(value))
            {
                rows.AddRange(matched[value].Select(r => (IReadOnlyList<object?>)
                [
                    .. head, r.Stats.Task, r.Stats.Measure.Id, r.Stats.Grouping.Name, r.Counts.Successes, r.Counts.Trials, r.Measured * 100, r.Interval.Lower * 100, r.Interval.Upper * 100,
                ]));
            }
            else if (Unmeasured(result, reference, value) is { } stats)
            {
                // A corresponding measure exists, but not this group: listed with empty measured cells.
                rows.Add([.. head, stats.Task, stats.Measure.Id, stats.Grouping.Name, null, null, null, null, null]);
            }
        }

        return new TableData("measured_vs_published", columns, rows);
    }

    /// <summary>Published percentages by group for one measured statistic (empty when nothing corresponds).</summary>
    public static IReadOnlyDictionary<GroupKey, double> For(AuditResult result, PublishedValues published, string task, string variant, string measure, string grouping)
    {
        ArgumentNullException.ThrowIfNull(published);
        var values = new Dictionary<GroupKey, double>();
        foreach (var row in PublishedComparison.Match(result, ReferenceFor(result, published)))
        {
            if (row.Group is { } group && row.Stats.Task == task && row.Stats.Variant == variant && row.Stats.Measure.Id == measure && row.Stats.Grouping.Name == grouping)
            {
                values.TryAdd(group, row.Published.Percent);
            }
        }

        return values;
    }

    private static PublishedReference ReferenceFor(AuditResult result, PublishedValues published) =>
        result.Counts.Provenance.Published is { } recorded && recorded.Values.Sha256 == published.Sha256
            ? recorded with { Values = published }
            : new PublishedReference(published, PublishedComparison.InferLinks(result));

    private static MeasureStatistics? Unmeasured(AuditResult result, PublishedReference reference, PublishedValue value) =>
        reference.Links
            .Where(l => l.Metric == value.Metric && l.Method == value.Method && l.Variant == value.Variant)
            .SelectMany(l => result.Rates.Where(r => r.Task == l.Task && r.Variant == (l.Variant ?? ZeroShotScorer.BaseVariant) && r.Measure.Id == l.Measure))
            .FirstOrDefault(r => r.Grouping.Name == value.GroupAttribute);
}
