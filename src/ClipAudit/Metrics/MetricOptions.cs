namespace ClipAudit.Metrics;

/// <summary>How a <see cref="MetricFrame"/> computes intervals and which groups it compares. Recorded in the result.</summary>
public sealed record MetricOptions
{
    // The statistics defaults, owned here: audits (AuditConfig) and notebooks (MetricFrame.Create) both read them, so the
    // same counts give the same intervals whichever way they were computed.

    /// <summary>The seed used when none is given; recorded in every result like any other seed.</summary>
    public static Randomness.Seed DefaultSeed { get; } = new(0);

    public const double DefaultLevel = 0.95;

    public const int DefaultBootstrapResamples = 2000;

    public const int DefaultMinimumGroupSize = 30;

    public static MetricOptions Default { get; } = new();

    /// <summary>Confidence level of every interval, strictly between 0 and 1.</summary>
    public double Level { get; init; } = DefaultLevel;

    /// <summary>Interval for single rates: Wilson, ClopperPearson or Bootstrap. Disparities always use Newcombe / Katz.</summary>
    public IntervalMethod Method { get; init; } = IntervalMethod.Wilson;

    public int BootstrapResamples { get; init; } = DefaultBootstrapResamples;

    /// <summary>Seed of the bootstrap; nothing else is random, so only bootstrap numbers depend on it.</summary>
    public Randomness.Seed Seed { get; init; } = DefaultSeed;

    /// <summary>Groups with fewer samples are flagged and left out of comparisons and tests (<see cref="SmallGroupRule"/>).</summary>
    public long MinimumGroupSize { get; init; } = DefaultMinimumGroupSize;

    /// <summary>
    /// The one small-group rule, as the report's method section states it. Every test family in ClipAudit applies it:
    /// <see cref="MetricFrame"/> (differences, ratios, pairwise Fisher tests, χ² across groups), the group × predicted-class
    /// χ², <see cref="VariantSensitivity"/> (McNemar tests of class-design changes and of compared runs) and the
    /// multi-label association χ².
    /// </summary>
    public static string SmallGroupRule(long minimumGroupSize) =>
        $"groups with fewer than {minimumGroupSize} samples (counted per measure) are shown with their counts, rates and intervals and flagged, " +
        "but never tested or compared with other groups: they are left out of differences and ratios to the reference, the pairwise Fisher tests, " +
        "the χ² tests across groups and of group × predicted class, the multi-label association χ² and the McNemar tests of class-design " +
        "changes (their change is shown with its interval, untested); every Holm and Benjamini-Hochberg family holds only the tests that were run";

    /// <summary>Group that <see cref="MetricFrame.ToReference(GroupKey?)"/> compares against when none is passed.</summary>
    public GroupKey? ReferenceGroup { get; init; }

    internal void Validate()
    {
        BinomialInterval.ValidateLevel(Level);
        if (Method is not (IntervalMethod.Wilson or IntervalMethod.ClopperPearson or IntervalMethod.Bootstrap))
        {
            throw new ArgumentOutOfRangeException(nameof(Method), Method, "A rate interval method must be Wilson, ClopperPearson or Bootstrap.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BootstrapResamples, 2, nameof(BootstrapResamples));
        ArgumentOutOfRangeException.ThrowIfNegative(MinimumGroupSize, nameof(MinimumGroupSize));
    }
}
