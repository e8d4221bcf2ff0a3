namespace ClipAudit.Audits.Targets;

/// <summary>What a review target bounds: the largest difference between two groups, or every group's rate from below or above.</summary>
public enum TargetKind
{
    /// <summary>|rate(g) − rate(h)| ≤ threshold for every pair of compared groups (<c>max_difference_points</c>).</summary>
    MaxDifference,

    /// <summary>rate(g) ≥ threshold for every compared group, i.e. the worst group (<c>min_rate_percent</c>).</summary>
    MinRate,

    /// <summary>rate(g) ≤ threshold for every compared group (<c>max_rate_percent</c>).</summary>
    MaxRate,
}

/// <summary>
/// A declared review target from the audit config's <c>targets:</c> list, e.g. "crime-related rate difference between
/// any two race groups ≤ 2 points". <see cref="Threshold"/> is a proportion (0.02 for 2 points, 0.95 for 95 %).
/// <see cref="Measure"/> is parsed where the config is read and written to results.json as its id.
/// </summary>
public sealed record ReviewTarget(
    string Name,
    string Task,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(Metrics.MeasureIdJsonConverter))] Metrics.Measure Measure,
    Metrics.Grouping Grouping,
    TargetKind Kind,
    double Threshold)
{
    /// <summary>The class-design variant whose rates are judged; the base class set unless the config names one.</summary>
    public string Variant { get; init; } = Scoring.ZeroShotScorer.BaseVariant;
}

/// <summary>How a target came out. Judged on intervals only, never on a point estimate.</summary>
public enum TargetVerdict
{
    /// <summary>Every interval lies wholly inside the target.</summary>
    Met,

    /// <summary>At least one interval lies wholly outside the target.</summary>
    NotMet,

    /// <summary>Neither: some interval straddles the bound, or a group could not be compared.</summary>
    Inconclusive,
}

/// <summary>One interval a target was judged on: a group's rate, or the difference between two groups.</summary>
public sealed record TargetCheck(string Subject, double Value, Metrics.Interval Interval, TargetVerdict Verdict);

/// <summary>A target with its verdict, every interval it was judged on, and the reason in words.</summary>
public sealed record TargetEvaluation(ReviewTarget Target, TargetVerdict Verdict, IReadOnlyList<TargetCheck> Checks, string Reason);
