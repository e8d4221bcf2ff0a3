namespace ClipAudit.Metrics;

/// <summary>How a <see cref="MetricFrame"/> computes intervals and which groups it compares. Recorded in the result.</summary>
public sealed record MetricOptions
{
    // The statistics defaults, owned here: audits (AuditConfig) and notebooks (MetricFrame.Create) both read them, so the
    // same counts give the same intervals whichever way they were computed.

    /// <summary>The seed used when none is given; recorded in every result like any other seed.</summary>
    public const ulong DefaultSeed = 0;

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
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Groups with fewer samples are flagged and left out of comparisons and tests.</summary>
    public long MinimumGroupSize { get; init; } = DefaultMinimumGroupSize;

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
