namespace ClipAudit.Metrics.Association;

/// <summary>How the permutation p-value was obtained (written <c>exact</c> / <c>sampled</c> in tables, see <see cref="WeatPMethodIds"/>).</summary>
public enum WeatPMethod
{
    /// <summary>Every equal-size re-partition of the targets was evaluated.</summary>
    Exact,

    /// <summary>Re-partitions drawn with a seeded generator; p = (1 + count) / (1 + draws).</summary>
    Sampled,
}

/// <summary>The one spelling of a <see cref="WeatPMethod"/> in tables and reports.</summary>
internal static class WeatPMethodIds
{
    public static string Id(WeatPMethod method) => method switch
    {
        WeatPMethod.Exact => "exact",
        WeatPMethod.Sampled => "sampled",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown p-value method."),
    };
}

/// <summary>
/// A WEAT result (Caliskan et al. 2017; iEAT, Steed and Caliskan 2021): the effect size, the test statistic and the
/// one-sided permutation p-value, with what the p-value rests on.
/// </summary>
/// <param name="EffectSize">d = (mean over X of s(x) − mean over Y of s(y)) / sample standard deviation (n − 1) of s over X ∪ Y.</param>
/// <param name="Statistic">S = Σ_x s(x) − Σ_y s(y).</param>
/// <param name="P">Share of re-partitions (X_i, Y_i) of X ∪ Y with S_i ≥ S (the observed one included).</param>
/// <param name="Partitions">Re-partitions evaluated (all of them when exact, else the draws).</param>
/// <param name="Seed">The generator's seed when sampled; null when exact.</param>
internal sealed record WeatResult(double EffectSize, double Statistic, double P, WeatPMethod Method, long Partitions, Randomness.Seed? Seed);

/// <summary>
/// The Word/Image Embedding Association Test on embedding vectors: targets X, Y (e.g. images of two groups) against
/// attributes A, B (e.g. pleasant and unpleasant prompts). s(w, A, B) = mean cos(w, a) − mean cos(w, b). The
/// permutation p-value is exact when C(|X|+|Y|, |X|) is at most <see cref="ExactLimit"/>, and otherwise estimated from
/// <c>draws</c> seeded re-partitions (Xoshiro256**), so the same seed gives the same p.
/// </summary>
internal static class WeatTest
{
    public const long ExactLimit = 200_000;

    public const int DefaultDraws = 20_000;

    public static WeatResult Run(
        IReadOnlyList<float[]> x, IReadOnlyList<float[]> y, IReadOnlyList<float[]> a, IReadOnlyList<float[]> b, Randomness.Seed seed, int draws = DefaultDraws)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (x.Count < 1 || y.Count < 1 || a.Count < 1 || b.Count < 1)
        {
            throw new ArgumentException($"WEAT needs at least one vector in each set; got X {x.Count}, Y {y.Count}, A {a.Count}, B {b.Count}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        var s = x.Concat(y).Select(w => Association(w, a, b)).ToArray();
        return FromAssociations(s, x.Count, seed, draws);
    }

    /// <summary>s(w, A, B): how much closer <paramref name="w"/> is to A than to B, in mean cosine similarity.</summary>
    public static double Association(float[] w, IReadOnlyList<float[]> a, IReadOnlyList<float[]> b) =>
        a.Average(v => Cosine(w, v)) - b.Average(v => Cosine(w, v));

    /// <summary>The result from s over X ∪ Y (X first, <paramref name="xCount"/> of them).</summary>
    internal static WeatResult FromAssociations(IReadOnlyList<double> s, int xCount, Randomness.Seed seed, int draws)
    {
        var n = s.Count;
        var yCount = n - xCount;
        var total = s.Sum();
        var sumX = s.Take(xCount).Sum();
        var statistic = sumX - (total - sumX);
        var meanX = sumX / xCount;
        var meanY = (total - sumX) / yCount;
        var mean = total / n;
        var sd = n > 1 ? Math.Sqrt(s.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : double.NaN;
        var d = sd > 0 ? (meanX - meanY) / sd : double.NaN;

        // S_i = 2 Σ_{X_i} s − Σ s, so only the sum over the X side of a partition matters. Ties within rounding count
        // as "at least as large", so the observed partition always counts itself.
        var threshold = sumX - 1e-12 * Math.Max(1, Math.Abs(total) + s.Sum(Math.Abs));
        var partitions = Combinations(n, xCount);
        if (partitions <= ExactLimit)
        {
            var atLeast = CountExact(s, xCount, threshold);
            return new WeatResult(d, statistic, (double)atLeast / partitions, WeatPMethod.Exact, partitions, null);
        }

        var random = new Xoshiro256StarStar(seed.ToUInt64());
        var order = Enumerable.Range(0, n).ToArray();
        long count = 0;
        for (var draw = 0; draw < draws; draw++)
        {
            // Partial Fisher–Yates: the first xCount positions are a uniform random subset.
            var sum = 0.0;
            for (var i = 0; i < xCount; i++)
            {
                var j = i + (int)Bounded(random, (ulong)(n - i));
                (order[i], order[j]) = (order[j], order[i]);
                sum += s[order[i]];
            }

            if (sum >= threshold)
            {
                count++;
            }
        }

        return new WeatResult(d, statistic, (1.0 + count) / (1.0 + draws), WeatPMethod.Sampled, draws, seed);
    }

    /// <summary>C(n, k), saturating at long.MaxValue.</summary>
    internal static long Combinations(int n, int k)
    {
        k = Math.Min(k, n - k);
        double result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
            if (result > long.MaxValue / 2)
            {
                return long.MaxValue;
            }
        }

        return (long)Math.Round(result);
    }

    private static long CountExact(IReadOnlyList<double> s, int k, double threshold)
    {
        long count = 0;
        var n = s.Count;
        var index = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            var sum = 0.0;
            foreach (var i in index)
            {
                sum += s[i];
            }

            if (sum >= threshold)
            {
                count++;
            }

            var p = k - 1;
            while (p >= 0 && index[p] == n - k + p)
            {
                p--;
            }

            if (p < 0)
            {
                return count;
            }

            index[p]++;
            for (var q = p + 1; q < k; q++)
            {
                index[q] = index[q - 1] + 1;
            }
        }
    }

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's rejection on the 64-bit product).</summary>
    internal static ulong Bounded(Xoshiro256StarStar random, ulong bound)
    {
        var threshold = (0 - bound) % bound;
        while (true)
        {
            var r = random.NextUInt64();
            var high = Math.BigMul(r, bound, out var low);
            if (low >= threshold)
            {
                return high;
            }
        }
    }

    private static double Cosine(float[] u, float[] v)
    {
        if (u.Length != v.Length)
        {
            throw new ArgumentException($"Vectors of different lengths ({u.Length} and {v.Length}) cannot be compared.");
        }

        double dot = 0, nu = 0, nv = 0;
        for (var i = 0; i < u.Length; i++)
        {
            dot += (double)u[i] * v[i];
            nu += (double)u[i] * u[i];
            nv += (double)v[i] * v[i];
        }

        return dot / Math.Sqrt(nu * nv);
    }
}
