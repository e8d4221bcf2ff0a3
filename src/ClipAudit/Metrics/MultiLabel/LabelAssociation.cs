namespace ClipAudit.Metrics.MultiLabel;

/// <summary>How many of a group's samples received a class as a label: <see cref="Count"/> of <see cref="SampleCount"/>.</summary>
public sealed record LabelFrequency(string ClassId, string Group, int Count, int SampleCount)
{
    public double Rate => SampleCount == 0 ? double.NaN : (double)Count / SampleCount;
}

/// <summary>
/// A class's 2 × k table (label present / absent × group) and its Pearson χ² test (no continuity correction).
/// Statistic and p-value are null when the label was given to every sample or to none (the test is undefined).
/// <see cref="OverRepresentedGroup"/> is the group with the highest label rate; null when several share it.
/// </summary>
public sealed record LabelAssociation(
    string ClassId,
    IReadOnlyList<LabelFrequency> ByGroup,
    double? ChiSquare,
    int DegreesOfFreedom,
    double? PValue,
    string? OverRepresentedGroup)
{
    /// <summary>Cramér's V of the present/absent × group table; null when the test is undefined.</summary>
    public double? CramersV { get; init; }

    /// <summary>Holm-adjusted p over the tested classes of the same threshold and grouping.</summary>
    public double? HolmP { get; init; }

    /// <summary>Benjamini-Hochberg-adjusted p over the tested classes of the same threshold and grouping.</summary>
    public double? BenjaminiHochbergP { get; init; }

    public int Count => ByGroup.Sum(f => f.Count);

    public int SampleCount => ByGroup.Sum(f => f.SampleCount);
}

/// <summary>
/// Thresholded multi-label results for one threshold: per-group label frequencies for every class, and the
/// classes ranked by how strongly their labelling depends on the group.
/// </summary>
public sealed record ThresholdedLabelResult(
    double ThresholdProbability,
    IReadOnlyList<string> ClassIds,
    IReadOnlyList<string> Groups,
    IReadOnlyList<int> GroupSampleCounts,
    IReadOnlyList<LabelAssociation> Ranked)
{
    /// <summary>The association of one class.</summary>
    public LabelAssociation For(string classId) => Ranked.First(a => string.Equals(a.ClassId, classId, StringComparison.Ordinal));
}
