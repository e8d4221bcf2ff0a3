using ClipAudit.Reporting;
using ClipAudit.Audits;
using ClipAudit.Metrics;

namespace ClipAudit.Comparison;

/// <summary>
/// How far one group's rate moved from the base run to the other run, on the samples both runs scored: counts under
/// each run (same n), the discordant counts, the change rate(other) − rate(base) with its paired Newcombe interval,
/// McNemar's p-value and its Holm adjustment over every row of the comparison. <see cref="UnmatchedBase"/> and
/// <see cref="UnmatchedOther"/> count this group's samples that only one run scored (not in the rates).
/// </summary>
public sealed record RateMove(
    string Task,
    string Variant,
    Measure Measure,
    Grouping Grouping,
    GroupKey Group,
    Proportion Base,
    Proportion Other,
    long OnlyBase,
    long OnlyOther,
    double Difference,
    Interval Interval,
    ShiftTest Test,
    double P,
    double HolmP,
    int UnmatchedBase,
    int UnmatchedOther);

/// <summary>A sample that only one run scored, with the reason the other run recorded for skipping it, if it did.</summary>
public sealed record UnmatchedSample(string SampleId, string? SkipStage, string? SkipReason, string? SkipDetail);

/// <summary>
/// Per-sample probability change: for each sample both runs scored, the largest |p(other) − p(base)| over the classes
/// both samples tables list (their top classes). <see cref="AllClasses"/> is true when every row lists every class, so
/// the value is the largest change over all classes; otherwise it is a lower bound of it.
/// </summary>
public sealed record ProbabilityChange(int Samples, double Max, string MaxSampleId, double Mean, double Median, bool AllClasses);

/// <summary>One task and variant: samples paired, top-1 agreement, probability change and the samples only one run has.</summary>
public sealed record TaskAgreement(
    string Task,
    string Variant,
    int Matched,
    int SameTopClass,
    ProbabilityChange? Probability,
    IReadOnlyList<UnmatchedSample> OnlyInBase,
    IReadOnlyList<UnmatchedSample> OnlyInOther)
{
    /// <summary>Share of paired samples with the same predicted class, in percent; NaN when nothing was paired.</summary>
    public double SameTopClassPercent => Matched == 0 ? double.NaN : 100.0 * SameTopClass / Matched;
}

/// <summary>One sample of one task and variant in the two runs; a null prediction means that run did not score it.</summary>
public sealed record SampleChange(string Task, string Variant, string SampleId, string? BasePrediction, string? OtherPrediction, double? MaxProbabilityDifference)
{
    public string Status => BasePrediction is null ? "only_other" : OtherPrediction is null ? "only_base" : "paired";
}

/// <summary>
/// Two runs of the same audit on the same data compared sample by sample (e.g. an int8 model against fp32): every
/// group's rate change with a paired interval and test, top-1 agreement and probability changes per task, and every
/// sample only one run scored. Intervals use the base run's level; Holm's adjustment runs over all <see cref="Moves"/>.
/// </summary>
public sealed record RunComparison(
    string BaseFolder,
    string OtherFolder,
    double Level,
    IReadOnlyList<SetupDifference> Setup,
    IReadOnlyList<TaskAgreement> Tasks,
    IReadOnlyList<RateMove> Moves,
    IReadOnlyList<SampleChange> Samples)
{
    /// <summary>Parts of the runs this comparison does not cover (multi-label and retrieval analyses), named so nobody assumes they were.</summary>
    public IReadOnlyList<string> NotCompared { get; init; } = [];

    /// <summary>Counterfactual flips per task, variant and outcome, paired by set id (McNemar over the sets); empty without <c>counterfactual:</c>.</summary>
    public IReadOnlyList<CounterfactualMove> Counterfactual { get; init; } = [];

    /// <summary>Rows whose Holm-adjusted p-value is below 1 − <see cref="Level"/>.</summary>
    public int Significant => Moves.Count(m => m.HolmP < 1 - Level);

    /// <summary>Checks the runs are comparable (else <see cref="Errors.IncomparableRunsException"/>) and compares them.</summary>
    public static RunComparison Create(RunFolder baseRun, RunFolder otherRun)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(otherRun);
        var setup = RunCompatibility.Check(baseRun, otherRun);
        var level = baseRun.Counts.Provenance.Statistics.Level;
        var tasks = new List<TaskAgreement>();
        var moves = new List<RateMove>();
        var samples = new List<SampleChange>();
        foreach (var task in baseRun.Counts.Tasks)
        {
            var first = baseRun.Scores.Single(s => s.TaskId == task.Task && s.Variant == task.Variant);
            var second = otherRun.Scores.Single(s => s.TaskId == task.Task && s.Variant == task.Variant);
            var pairing = SamplePairing.Create(first, second, baseRun.Counts.DataQuality, otherRun.Counts.DataQuality);
            tasks.Add(pairing.Agreement);
            samples.AddRange(pairing.Samples);
            moves.AddRange(RateMoves.Compute(task, first, second, baseRun.Groupings(task.Task, task.Variant), level, baseRun.Counts.Provenance.Statistics.MinGroupSize));
        }

        // Groups below the base run's minimum size are not tested (P NaN) and stay out of the Holm family.
        var tested = Enumerable.Range(0, moves.Count).Where(i => !double.IsNaN(moves[i].P)).ToList();
        var holm = PValueAdjustment.Holm(tested.Select(i => moves[i].P).ToList());
        for (var k = 0; k < tested.Count; k++)
        {
            moves[tested[k]] = moves[tested[k]] with { HolmP = holm[k] };
        }

        var ranked = moves
            .OrderByDescending(m => Math.Abs(m.Difference))
            .ThenBy(m => m.P)
            .ThenBy(m => m.Task, StringComparer.Ordinal)
            .ThenBy(m => m.Variant, StringComparer.Ordinal)
            .ThenBy(m => m.Measure.Id, StringComparer.Ordinal)
            .ThenBy(m => m.Grouping.Name, StringComparer.Ordinal)
            .ThenBy(m => m.Group.ToString(), StringComparer.Ordinal)
            .ToList();
        return new RunComparison(baseRun.Folder, otherRun.Folder, level, setup, tasks, ranked, samples)
        {
            Counterfactual = CounterfactualMoves.Compute(baseRun.Counts.Counterfactual, otherRun.Counts.Counterfactual),
            NotCompared = new[]
            {
                (Present: baseRun.Counts.Labels.Count + otherRun.Counts.Labels.Count > 0, What: "multi-label label counts (tables/label_counts)"),
                (Present: baseRun.Counts.Retrieval.Count + otherRun.Counts.Retrieval.Count > 0, What: "retrieval bias (tables/retrieval_bias)"),
                (Present: baseRun.Counts.CounterfactualRetrieval.Count + otherRun.Counts.CounterfactualRetrieval.Count > 0, What: "retrieval within counterfactual sets (tables/counterfactual_retrieval)"),
                (Present: baseRun.Counts.Associations.Count + otherRun.Counts.Associations.Count > 0, What: "association tests (tables/association_tests)"),
                (Present: baseRun.Counts.SubgroupSearches.Count + otherRun.Counts.SubgroupSearches.Count + baseRun.Counts.Subgroups.Count + otherRun.Counts.Subgroups.Count > 0, What: "subgroup discovery (tables/subgroups, tables/subgroup_searches)"),
            }.Where(p => p.Present).Select(p => p.What).ToList(),
        };
    }
}
