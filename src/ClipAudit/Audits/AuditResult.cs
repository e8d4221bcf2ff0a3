using System.Text.Json.Serialization;
using ClipAudit.Metrics;

namespace ClipAudit.Audits;

/// <summary>
/// Rates with intervals, disparities and tests for one measure of one task and variant under one grouping.
/// <see cref="Frame"/> holds P(outcome | group), written to results.json as <c>rate_within_group</c>.
/// <see cref="ShareOfFlagged"/> is set for harm measures only: P(group | flagged), the counterpart of the frame's
/// rate within group P(flagged | group).
/// </summary>
public sealed record MeasureStatistics(
    string Task,
    string Variant,
    Measure Measure,
    Grouping Grouping,
    [property: JsonPropertyName("rate_within_group")] MetricFrame Frame,
    GroupKey? Reference,
    IReadOnlyList<GroupComparison> ToReference,
    [property: JsonPropertyName("share_of_flagged")] IReadOnlyList<GroupShare>? ShareOfFlagged);

/// <summary>
/// Group × predicted-class distribution of one task and variant under one grouping, with its χ² test over the groups
/// of at least the minimum size; <see cref="UntestedGroups"/> are the smaller ones (in <see cref="Counts"/>, not in the test).
/// </summary>
public sealed record ClassDistribution(string Task, string Variant, Grouping Grouping, IReadOnlyList<GroupCount> Counts, ChiSquareResult? ChiSquare)
{
    public IReadOnlyList<GroupKey> UntestedGroups { get; init; } = [];
}

/// <summary>How each group's rate moved from one variant to another (class-design sensitivity), ranked by |change|.</summary>
/// <remarks>results.json writes <see cref="Measure"/> as its id, as it always did.</remarks>
public sealed record SensitivityResult(
    string Task,
    string From,
    string To,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(MeasureIdJsonConverter))] Measure Measure,
    Grouping Grouping,
    IReadOnlyList<RateShift> Shifts);

/// <summary>An audit's counts and everything derived from them. Pure function of <see cref="Counts"/> and <see cref="Options"/>.</summary>
public sealed record AuditResult(
    AuditCounts Counts,
    MetricOptions Options,
    IReadOnlyList<MeasureStatistics> Rates,
    IReadOnlyList<ClassDistribution> Distributions,
    IReadOnlyList<SensitivityResult> Sensitivity)
{
    /// <summary>Counterfactual flip rates and paired tests, derived from <see cref="AuditCounts.Counterfactual"/>.</summary>
    public Metrics.Counterfactual.CounterfactualSummary Counterfactual { get; init; } = Metrics.Counterfactual.CounterfactualSummary.Empty;

    /// <summary>Association tests (WEAT d, permutation p, Holm/BH in the audit-wide family), derived from <see cref="AuditCounts.Associations"/>.</summary>
    public IReadOnlyList<Metrics.Association.AssociationResult> Associations { get; init; } = [];

    /// <summary>Every reported test p-value adjusted together (Holm and BH): the audit-wide family, its rule and members.</summary>
    public AuditWideFamily AuditWide { get; init; } = AuditWideFamily.Empty;

    /// <summary>Each subgroup finding with its confirmation interval and verdict, derived from <see cref="AuditCounts.Subgroups"/>.</summary>
    public IReadOnlyList<Metrics.Subgroups.SubgroupConfirmation> Subgroups { get; init; } = [];
    /// <summary>Multi-label tasks: classes ranked by χ² association with the group, re-derived from <see cref="AuditCounts.Labels"/>.</summary>
    public IReadOnlyList<Analyses.LabelAssociationResult> LabelAssociations { get; init; } = [];

    /// <summary>Each declared review target with its verdict (met, not met, inconclusive) and the intervals it was judged on.</summary>
    public IReadOnlyList<Targets.TargetEvaluation> Targets { get; init; } = [];

    /// <summary>Non-significant comparisons with a reference group, with the smallest difference the audit had 80 % power to detect.</summary>
    public IReadOnlyList<DetectableDifference> DetectableDifferences { get; init; } = [];

    /// <summary>Non-significant class-design changes (McNemar), with the smallest change the paired test had 80 % power to detect.</summary>
    public IReadOnlyList<DetectableChange> DetectableChanges { get; init; } = [];
}
