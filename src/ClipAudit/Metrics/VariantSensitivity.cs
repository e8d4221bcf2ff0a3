namespace ClipAudit.Metrics;

/// <summary>
/// One group's counts under two class-design variants of the same samples: <see cref="First"/> and
/// <see cref="Second"/> are successes of the same n; <see cref="OnlyFirst"/> / <see cref="OnlySecond"/> are the
/// discordant counts (samples flagged under one variant only), null when only marginal counts are known.
/// </summary>
public sealed record VariantCounts(GroupKey Group, Proportion First, Proportion Second, long? OnlyFirst = null, long? OnlySecond = null)
{
    public bool IsPaired => OnlyFirst.HasValue && OnlySecond.HasValue;
}

/// <summary>Which test produced <see cref="RateShift.P"/>.</summary>
public enum ShiftTest
{
    /// <summary>McNemar exact binomial (paired, fewer than 25 discordant samples).</summary>
    McNemarExactBinomial,

    /// <summary>McNemar χ² with continuity correction (paired, 25 or more discordant samples).</summary>
    McNemarChiSquareContinuityCorrected,

    /// <summary>Fisher's exact test treating the variants as independent samples (no discordant counts).</summary>
    FisherExactUnpaired,

    /// <summary>No test: the group is below the minimum group size (<see cref="MetricOptions.SmallGroupRule"/>); P is NaN.</summary>
    NotTested,
}

/// <summary>
/// How a group's rate moved between two variants: Change = rate(Second) − rate(First), its interval, the test and
/// its Holm- and BH-adjusted p-values over all groups of the comparison.
/// </summary>
public sealed record RateShift(
    GroupKey Group,
    Proportion First,
    Proportion Second,
    double Change,
    Interval Interval,
    ShiftTest Test,
    double P,
    double HolmP,
    double BenjaminiHochbergP);

/// <summary>The class-design sensitivity primitive: per-group change of a rate between two label sets, ranked.</summary>
public static class VariantSensitivity
{
    /// <summary>
    /// Ranks groups by |Change| (largest first; ties by group name). The variants are evaluated on the SAME samples,
    /// so when discordant counts are given the interval is Newcombe's paired method 10
    /// (<see cref="NewcombeInterval.Paired"/>) and the test is McNemar's (<see cref="McNemarTest.Test"/>). Without
    /// them the only honest fallback is the independent-samples Newcombe interval and Fisher's test, which ignore the
    /// pairing (usually conservative when the variants agree on most samples); <see cref="RateShift.Test"/> says which.
    /// </summary>
    /// <remarks>
    /// Groups with fewer than <paramref name="minimumGroupSize"/> samples keep their change and interval but are not
    /// tested (<see cref="ShiftTest.NotTested"/>, P NaN) and are not part of the Holm and BH family.
    /// </remarks>
    public static IReadOnlyList<RateShift> Rank(IReadOnlyList<VariantCounts> groups, double level = 0.95, long minimumGroupSize = 0)
    {
        ArgumentNullException.ThrowIfNull(groups);
        BinomialInterval.ValidateLevel(level);
        var rows = groups.Select(g => Measure(g, level)).Select(r => r.First.Trials < minimumGroupSize ? r with { Test = ShiftTest.NotTested, P = double.NaN } : r).ToArray();
        var tested = Enumerable.Range(0, rows.Length).Where(i => rows[i].Test != ShiftTest.NotTested).ToArray();
        var holm = PValueAdjustment.Holm(tested.Select(i => rows[i].P).ToArray());
        var bh = PValueAdjustment.BenjaminiHochberg(tested.Select(i => rows[i].P).ToArray());
        for (var k = 0; k < tested.Length; k++)
        {
            rows[tested[k]] = rows[tested[k]] with { HolmP = holm[k], BenjaminiHochbergP = bh[k] };
        }

        return rows
            .OrderByDescending(r => Math.Abs(r.Change))
            .ThenBy(r => r.Group.ToString(), StringComparer.Ordinal)
            .ToArray();
    }

    private static RateShift Measure(VariantCounts counts, double level)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (first, second) = (counts.First, counts.Second);
        if (first.Trials != second.Trials || first.Trials == 0)
        {
            throw new ArgumentException($"Group '{counts.Group}': both variants must count the same, non-empty set of samples (found {first} and {second}).", nameof(counts));
        }

        var change = second.Rate - first.Rate;
        if (!counts.IsPaired)
        {
            return new RateShift(counts.Group, first, second, change, NewcombeInterval.Independent(second, first, level),
                ShiftTest.FisherExactUnpaired, FisherExactTest.TwoSidedP(first, second), double.NaN, double.NaN);
        }

        long onlyFirst = counts.OnlyFirst!.Value, onlySecond = counts.OnlySecond!.Value;
        var both = first.Successes - onlyFirst;
        var neither = first.Trials - both - onlyFirst - onlySecond;
        if (onlyFirst < 0 || onlySecond < 0 || both < 0 || both != second.Successes - onlySecond || neither < 0)
        {
            throw new ArgumentException($"Group '{counts.Group}': discordant counts {onlyFirst}/{onlySecond} do not fit the marginal counts {first} and {second}.", nameof(counts));
        }

        // Arguments swapped so the paired interval is for rate(Second) − rate(First), matching Change.
        var interval = NewcombeInterval.Paired(both, onlySecond, onlyFirst, neither, level);
        var test = McNemarTest.Test(onlyFirst, onlySecond);
        var kind = test.Method == McNemarMethod.ExactBinomial ? ShiftTest.McNemarExactBinomial : ShiftTest.McNemarChiSquareContinuityCorrected;
        return new RateShift(counts.Group, first, second, change, interval, kind, test.P, double.NaN, double.NaN);
    }
}
