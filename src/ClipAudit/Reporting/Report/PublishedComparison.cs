using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Charts;
using ClipAudit.Taxonomies;

namespace ClipAudit.Reporting.Report;

/// <summary>A measured rate beside the value a source published for the same metric, method, variant and group.</summary>
internal sealed record PublishedRow(MeasureStatistics Stats, string GroupLabel, Proportion Counts, double Measured, Interval Interval, PublishedValue Published)
{
    public double PublishedProportion => Published.Percent / 100;

    /// <summary>The measured group (<see cref="GroupKey.Overall"/> for 'all'); null for a pooled "non-X" row.</summary>
    public GroupKey? Group { get; init; }

    /// <summary>The group spelt as in tables/*.csv ("race=Black"), for table cells; <see cref="GroupLabel"/> is for charts.</summary>
    public string GroupCell { get; init; } = GroupLabel;

    /// <summary>Whether the published value lies inside the measured interval (a reading aid, never a pass/fail).</summary>
    public bool WithinInterval => Interval.Contains(PublishedProportion);
}

/// <summary>
/// The one rule that pairs published values with measured rates, for the PDF, Markdown and the notebooks alike: through
/// <see cref="PublishedReference.Links"/> (recorded at audit time, or <see cref="InferLinks"/> when a notebook brings its
/// own values), zero-shot only, same variant, a grouping on the published attribute. "crime_related_or_non_human_rate"
/// pairs with harm:any only when the task's harm categories are exactly crime-related and non-human, since otherwise
/// "any harm" would count other classes too.
/// </summary>
internal static class PublishedComparison
{
    private const string CrimeOrNonHuman = "crime_related_or_non_human_rate";

    /// <summary>
    /// Links by metric name for an audit that recorded none: "&lt;task&gt;_accuracy" to that task's accuracy,
    /// crime_related_rate / non_human_rate to the harm kind of any task that has it, crime_related_or_non_human_rate
    /// to harm:any; for every class-design variant.
    /// </summary>
    public static IReadOnlyList<PublishedMetricLink> InferLinks(AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var links = new List<PublishedMetricLink>();
        foreach (var stats in result.Rates.DistinctBy(r => (r.Task, r.Variant, r.Measure.Id)))
        {
            string? variant = stats.Variant == Scoring.ZeroShotScorer.BaseVariant ? null : stats.Variant;
            string? metric = stats.Measure.Kind == MeasureKind.Accuracy
                ? $"{stats.Task}_accuracy"
                : stats.Measure.Id switch
                {
                    _ when stats.Measure.Id == Measure.Harm("crime-related").Id => "crime_related_rate",
                    _ when stats.Measure.Id == Measure.Harm("non-human").Id => "non_human_rate",
                    _ when stats.Measure.Id == Measure.Harm(Measure.AnyHarm).Id => CrimeOrNonHuman,
                    _ => null,
                };
            if (metric is not null)
            {
                links.Add(new PublishedMetricLink(stats.Task, stats.Measure.Id, metric, Variant: variant));
            }
        }

        return links;
    }

    /// <summary>
    /// Rows in published-file order. Group attribute 'all' matches the overall rate; a value 'non-X' that is not a group
    /// itself matches the pooled counts of every other group of that attribute (the paper's "non-White"), with the
    /// interval recomputed from those counts by the audit's interval method when it is Wilson or Clopper–Pearson.
    /// </summary>
    public static IReadOnlyList<PublishedRow> Match(AuditResult result, PublishedReference? reference)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<PublishedRow>();
        if (reference is null)
        {
            return rows;
        }

        foreach (var value in reference.Values.Values)
        {
            foreach (var link in reference.Links.Where(l => l.Metric == value.Metric && l.Method == value.Method && l.Variant == value.Variant))
            {
                string variant = link.Variant ?? Scoring.ZeroShotScorer.BaseVariant;
                var candidates = result.Rates.Where(r => r.Task == link.Task && r.Variant == variant && r.Measure.Id == link.Measure && Corresponds(result, r, value.Metric)).ToList();
                var row = value.GroupAttribute == "all"
                    ? candidates.Where(c => !c.Grouping.IsIntersection).Select(c => Overall(c, value)).FirstOrDefault()
                    : candidates.Where(c => c.Grouping.Name == value.GroupAttribute).Select(c => ForGroup(c, value, result.Options)).FirstOrDefault(r => r is not null);
                if (row is not null)
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    private static bool Corresponds(AuditResult result, MeasureStatistics stats, string metric) =>
        metric != CrimeOrNonHuman
        || result.Counts.Tasks
            .Where(t => t.Task == stats.Task && t.Variant == stats.Variant)
            .SelectMany(t => t.Classes)
            .Where(c => c.HarmKind is not null)
            .Select(c => c.HarmKind!)
            .ToHashSet(StringComparer.Ordinal)
            .SetEquals(["crime-related", "non-human"]);

    private static PublishedRow Overall(MeasureStatistics stats, PublishedValue value) =>
        new(stats, "all samples", stats.Frame.Overall.Counts, stats.Frame.Overall.Rate, stats.Frame.Overall.Interval, value) { Group = GroupKey.Overall };

    private static PublishedRow? ForGroup(MeasureStatistics stats, PublishedValue value, MetricOptions options)
    {
        var key = GroupKey.Of(value.GroupAttribute, value.Group);
        if (AuditView.RateOf(stats, key) is { Counts.Trials: > 0 } rate)
        {
            return new PublishedRow(stats, ReportText.Group(key), rate.Counts, rate.Rate, rate.Interval, value) { GroupCell = ReportText.GroupCell(key), Group = key };
        }

        if (!value.Group.StartsWith("non-", StringComparison.Ordinal) || options.Method == IntervalMethod.Bootstrap)
        {
            return null;
        }

        var excluded = GroupKey.Of(value.GroupAttribute, value.Group["non-".Length..]);
        if (AuditView.RateOf(stats, excluded) is null)
        {
            return null;
        }

        var pooled = stats.Frame.ByGroup.Where(g => g.Group != excluded).Aggregate(new Proportion(0, 0), (sum, g) => sum + g.Counts);
        if (pooled.Trials == 0)
        {
            return null;
        }

        var interval = options.Method == IntervalMethod.Wilson ? BinomialInterval.Wilson(pooled, options.Level) : BinomialInterval.ClopperPearson(pooled, options.Level);
        return new PublishedRow(stats, $"{value.GroupAttribute} {value.Group} (pooled)", pooled, pooled.Rate, interval, value) { GroupCell = $"{value.GroupAttribute}={value.Group} (pooled)" };
    }

    /// <summary>One chart per measured rate and grouping attribute that has published values (first value per group).</summary>
    public static IReadOnlyList<ReportChart> Charts(IReadOnlyList<PublishedRow> rows, string level) =>
        rows.GroupBy(r => (r.Stats.Task, r.Stats.Measure.Id, r.Stats.Variant, r.Published.GroupAttribute, r.Published.Metric))
            .Select(g =>
            {
                var first = g.First();
                var chartRows = g.GroupBy(r => r.GroupLabel).Select(x => x.First()).Select(r =>
                    new MeasuredVsPublishedRow(r.GroupLabel, r.Counts.Trials, r.Measured, Math.Min(r.Interval.Lower, r.Measured), Math.Max(r.Interval.Upper, r.Measured), r.PublishedProportion)).ToList();
                string variant = first.Stats.Variant == Scoring.ZeroShotScorer.BaseVariant ? "" : $" ['{first.Stats.Variant}']";
                var data = new MeasuredVsPublishedData($"{first.Stats.Task}: {first.Published.Metric}{variant} by {first.Published.GroupAttribute}", first.Stats.Measure.Kind == MeasureKind.Accuracy ? "Accuracy" : "Rate within group", chartRows)
                {
                    MeasuredLabel = $"Measured ({level} interval)",
                };
                return new ReportChart(
                    $"published-{ReportText.Slug(first.Stats.Task)}-{ReportText.Slug(first.Published.Metric)}-{ReportText.Slug(first.Stats.Variant)}-{ReportText.Slug(first.Published.GroupAttribute)}",
                    MeasuredVsPublishedChart.Create(data),
                    $"{ReportText.MeasureTitle(first.Stats.Measure, first.Stats.Task)}{variant}: measured, with {level} interval, next to the published {first.Published.Metric} ({first.Published.Method}).",
                    220f);
            })
            .ToList();
}
