using MathNet.Numerics.Distributions;

namespace ClipAudit.Metrics;

/// <summary>
/// Power of two-sided tests of two proportions, as statsmodels computes it: effect size Cohen's h = 2·asin√p₁ − 2·asin√p₀
/// (<c>proportion_effectsize</c>) and the normal power of <c>NormalIndPower</c> (both tails). Sample sizes, minimum
/// detectable differences, and McNemar's paired analogue (Connor 1987) for class-design changes.
/// </summary>
public static class PowerAnalysis
{
    /// <summary>The power the report quotes detectable differences at.</summary>
    public const double DefaultPower = 0.8;

    /// <summary>Cohen's h from <paramref name="baseRate"/> to <paramref name="otherRate"/>: statsmodels' proportion_effectsize(other, base).</summary>
    public static double EffectSize(double otherRate, double baseRate) => (2 * Math.Asin(Math.Sqrt(otherRate))) - (2 * Math.Asin(Math.Sqrt(baseRate)));

    /// <summary>
    /// Power of the two-sided test for effect size <paramref name="h"/> with <paramref name="firstSize"/> and
    /// <paramref name="secondSize"/> samples: statsmodels NormalIndPower().power(h, n₁, α, ratio = n₂/n₁).
    /// </summary>
    public static double Power(double h, double firstSize, double secondSize, double alpha)
    {
        CheckAlpha(alpha);
        double crit = Normal.InvCDF(0, 1, 1 - (alpha / 2));
        double shift = Math.Abs(h) * Math.Sqrt(1 / ((1 / firstSize) + (1 / secondSize)));
        return Normal.CDF(0, 1, shift - crit) + Normal.CDF(0, 1, -crit - shift);
    }

    /// <summary>
    /// Samples per group (the first group; the second has <paramref name="ratio"/> times as many) for the given power to
    /// detect a change from <paramref name="baseRate"/> by <paramref name="difference"/> (signed), unrounded as statsmodels'
    /// solve_power returns it; round up for a plan.
    /// </summary>
    public static double SampleSize(double baseRate, double difference, double alpha, double power = DefaultPower, double ratio = 1)
    {
        CheckRate(baseRate, nameof(baseRate));
        CheckRate(baseRate + difference, nameof(difference));
        CheckAlpha(alpha);
        CheckPower(power, alpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratio);
        double h = EffectSize(baseRate + difference, baseRate);
        if (h == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(difference), difference, "A difference of 0 cannot be detected with any sample size.");
        }

        return Solve(n => Power(h, n, n * ratio, alpha) - power, 1e-6, 1e12);
    }

    /// <summary>
    /// The smallest increase and decrease from <paramref name="baseRate"/> that the two-sided test had <paramref name="power"/>
    /// to detect with these group sizes; NaN for a direction the rate cannot move that far in (beyond 0 or 1).
    /// </summary>
    public static (double Increase, double Decrease) MinimumDetectableDifference(double baseRate, long firstSize, long secondSize, double alpha, double power = DefaultPower)
    {
        CheckRate(baseRate, nameof(baseRate));
        CheckAlpha(alpha);
        CheckPower(power, alpha);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(secondSize);
        double h = Solve(x => Power(x, firstSize, secondSize, alpha) - power, 0, 2 * Math.PI);
        double angle = Math.Asin(Math.Sqrt(baseRate));
        double up = angle + (h / 2), down = angle - (h / 2);
        return (
            up <= Math.PI / 2 ? Math.Pow(Math.Sin(up), 2) - baseRate : double.NaN,
            down >= 0 ? baseRate - Math.Pow(Math.Sin(down), 2) : double.NaN);
    }

    /// <summary>
    /// McNemar's test on <paramref name="pairs"/> paired samples with discordant proportion <paramref name="discordant"/>
    /// (flagged under exactly one of the two variants): the smallest |change| it had <paramref name="power"/> to detect,
    /// from Connor's (1987) n = [z₁₋α/₂·√ψ + z_power·√(ψ − δ²)]² / δ². NaN when no pair is discordant (ψ unknown).
    /// </summary>
    public static double McNemarMinimumDetectableChange(long pairs, double discordant, double alpha, double power = DefaultPower)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pairs);
        CheckRate(discordant, nameof(discordant));
        CheckAlpha(alpha);
        CheckPower(power, alpha);
        if (discordant == 0)
        {
            return double.NaN;
        }

        double za = Normal.InvCDF(0, 1, 1 - (alpha / 2)), zb = Normal.InvCDF(0, 1, power);
        double Needed(double delta) => Math.Pow((za * Math.Sqrt(discordant)) + (zb * Math.Sqrt(Math.Max(0, discordant - (delta * delta)))), 2) / (delta * delta);
        // Needed falls as δ grows; a change larger than ψ is impossible (every discordant pair one way).
        return Needed(discordant) > pairs ? double.NaN : Solve(d => pairs - Needed(d), 1e-12, discordant);
    }

    /// <summary>Bisection for an increasing <paramref name="f"/> with a sign change on [lo, hi], to 1e-12 relative.</summary>
    private static double Solve(Func<double, double> f, double lo, double hi)
    {
        for (var i = 0; i < 200 && hi - lo > 1e-13 * Math.Max(1, Math.Abs(hi)); i++)
        {
            double mid = (lo + hi) / 2;
            if (f(mid) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    private static void CheckRate(double rate, string name)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(name, rate, "A rate must lie between 0 and 1.");
        }
    }

    private static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The significance level α must lie strictly between 0 and 1 (e.g. 0.05).");
        }
    }

    private static void CheckPower(double power, double alpha)
    {
        if (!(power > alpha && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "The power must lie between α and 1 (e.g. 0.8).");
        }
    }
}
