using ClipAudit.Randomness;

using System.Text;

namespace ClipAudit.Metrics;

/// <summary>
/// Stratified bootstrap from counts: resampling the n outcomes of a group with x ones is exactly a
/// Binomial(n, x/n) draw, so each resample draws one binomial per group (within-group resampling, group sizes fixed).
/// Each group has its own random stream derived from the seed and the group's key, so adding or removing a group
/// never changes another group's numbers.
/// </summary>
internal sealed class StratifiedBootstrap
{
    private readonly long[][] _successes;

    private StratifiedBootstrap(long[][] successes, int resamples)
    {
        _successes = successes;
        Resamples = resamples;
    }

    public int Resamples { get; }

    public static StratifiedBootstrap Run(IReadOnlyList<(GroupKey Group, Proportion Counts)> groups, int resamples, Randomness.Seed seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        var successes = new long[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            var (group, counts) = groups[g];
            var random = new Xoshiro256StarStar(StreamSeed(seed.ToUInt64(), group));
            var sampler = new BinomialSampler(counts.Trials, counts.Trials == 0 ? 0 : counts.Rate);
            var draws = new long[resamples];
            for (var b = 0; b < resamples; b++)
            {
                draws[b] = sampler.Sample(random);
            }

            successes[g] = draws;
        }

        return new StratifiedBootstrap(successes, resamples);
    }

    /// <summary>Resampled success counts of group <paramref name="groupIndex"/>, one per resample.</summary>
    public ReadOnlySpan<long> Successes(int groupIndex) => _successes[groupIndex];

    /// <summary>
    /// Percentile interval: the α/2 and 1−α/2 quantiles with linear interpolation between order statistics
    /// (numpy's default "linear" / Hyndman–Fan type 7). Sorts <paramref name="values"/> in place.
    /// </summary>
    public static Interval Percentile(Span<double> values, double level)
    {
        BinomialInterval.ValidateLevel(level);
        values.Sort();
        var alpha = 1 - level;
        return new Interval(Quantile(values, alpha / 2), Quantile(values, 1 - (alpha / 2)), IntervalMethod.Bootstrap, level);
    }

    private static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }

    private static ulong StreamSeed(ulong seed, GroupKey group)
    {
        // FNV-1a over "name\0value\0..." (UTF-8): stable across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var attribute in group.Attributes)
        {
            foreach (var part in new[] { attribute.Name, attribute.Value })
            {
                foreach (var b in Encoding.UTF8.GetBytes(part))
                {
                    hash = (hash ^ b) * 1099511628211UL;
                }

                hash = (hash ^ 0) * 1099511628211UL;
            }
        }

        return new SplitMix64(seed ^ hash).Next();
    }
}
