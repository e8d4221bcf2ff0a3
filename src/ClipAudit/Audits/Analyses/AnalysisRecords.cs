using ClipAudit.Metrics;
using ClipAudit.Metrics.MultiLabel;
using ClipAudit.Scoring.Probe;
using ClipAudit.Scoring.Retrieval;

namespace ClipAudit.Audits.Analyses;

/// <summary>
/// Multi-label counts: <see cref="Counts"/>.x samples of a group had probability ≥ <see cref="Threshold"/> for
/// <see cref="Class"/>, out of the group's <see cref="Counts"/>.n scored samples. The χ² rankings are re-derived from these.
/// </summary>
public sealed record LabelCount(string Task, string Variant, double Threshold, string Class, Grouping Grouping, GroupKey Group, Proportion Counts);

/// <summary>
/// How a linear-probe task was trained: the training samples (provenance, how many were used, skipped or had no
/// true class), the classes, every λ tried with its held-out score and the chosen λ (split and fit seeded with the audit's seed,
/// <see cref="AuditProvenance.Seed"/>). The probe's
/// predictions are counted like any accuracy task under the variant <see cref="Variant"/>.
/// </summary>
public sealed record ProbeRecord(
    string Task,
    string Variant,
    string Method,
    DatasetProvenance Train,
    int TrainSamplesRead,
    int TrainSamplesUsed,
    int TrainSamplesWithoutTruth,
    IReadOnlyList<SkipRecord> TrainSkipped,
    IReadOnlyList<string> Classes,
    IReadOnlyList<PenaltyTrial> Trials,
    double ChosenL2,
    int FitCount,
    int HeldOutCount,
    double HeldOutFraction,
    bool NormalizeEmbeddings);

/// <summary>
/// One query's ranking of the audit's images at depth <see cref="K"/>: the top-k sample ids (ties by sample id) and,
/// per attribute, each value's count in the top k and in the pool, Skew@k, MaxSkew@k, MinSkew@k and NDKL. A
/// deterministic function of the cached embeddings, stored whole so every number can be checked.
/// </summary>
public sealed record RetrievalRecord(string Query, int K, DesiredDistribution Desired, string Method, IReadOnlyList<string> TopSampleIds, IReadOnlyList<AttributeRankingBias> Attributes);

/// <summary>The classes of one multi-label task, variant, threshold and grouping ranked by their χ² association with the group.</summary>
public sealed record LabelAssociationResult(string Task, string Variant, double Threshold, Grouping Grouping, ThresholdedLabelResult Labels);
