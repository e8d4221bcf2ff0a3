using System.Globalization;
using ClipAudit.Metrics;

namespace ClipAudit.Tests.Metrics;

/// <summary>Checks <see cref="PowerAnalysis"/> against statsmodels' values in Data/Power/statsmodels-power.csv (how they were made: its README).</summary>
public sealed class PowerAnalysisTests
{
    private static readonly string[][] Reference = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "Power", "statsmodels-power.csv"))
        .Where(l => !l.StartsWith('#') && !l.StartsWith("kind,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToArray();

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> Rows(string kind) => Reference.Where(r => r[0] == kind);

    [Fact]
    public void SampleSize_MatchesStatsmodelsSolvePower()
    {
        Assert.Equal(6, Rows("sample_size").Count());
        foreach (var r in Rows("sample_size"))
        {
            double n = PowerAnalysis.SampleSize(D(r[1]), D(r[2]), D(r[4]), D(r[5]), D(r[3]));
            Assert.True(Math.Abs(n - D(r[6])) < 1e-6 * D(r[6]), $"{string.Join(',', r)}: got {n}");
        }
    }

    [Fact]
    public void Power_MatchesStatsmodels()
    {
        foreach (var r in Rows("power"))
        {
            double n1 = D(r[2]);
            Assert.Equal(D(r[6]), PowerAnalysis.Power(D(r[1]), n1, n1 * D(r[3]), D(r[4])), 9);
        }
    }

    [Fact]
    public void MinimumDetectableDifference_IsStatsmodelsEffectSizeTurnedIntoRates()
    {
        Assert.Equal(4, Rows("effect_size").Count());
        foreach (var r in Rows("effect_size"))
        {
            long n1 = long.Parse(r[2], CultureInfo.InvariantCulture);
            long n2 = (long)Math.Round(n1 * D(r[3]));
            double h = D(r[6]);
            foreach (double p0 in new[] { 0.02, 0.3, 0.5 })
            {
                var (up, down) = PowerAnalysis.MinimumDetectableDifference(p0, n1, n2, D(r[4]), D(r[5]));
                // The rates h away from p0 on the arcsine scale, written out here rather than through PowerAnalysis.
                double expectedUp = Math.Pow(Math.Sin(Math.Asin(Math.Sqrt(p0)) + (h / 2)), 2) - p0;
                // statsmodels' root finder stops within ~1e-7 of the asked power (its row 2 has power 0.8 − 1.4e-7): 1e-6 in rate is far below display.
                Assert.True(Math.Abs(expectedUp - up) < 1e-6, $"{string.Join(',', r)} p0 {p0}: {up} vs {expectedUp}");
                double lowAngle = Math.Asin(Math.Sqrt(p0)) - (h / 2);
                if (lowAngle >= 0)
                {
                    Assert.True(Math.Abs(p0 - Math.Pow(Math.Sin(lowAngle), 2) - down) < 1e-6);
                }
                else
                {
                    Assert.True(double.IsNaN(down));
                }
            }
        }
    }

    [Fact]
    public void MinimumDetectableDifference_PowerAtThatDifferenceIsTheAskedPower()
    {
        var (up, _) = PowerAnalysis.MinimumDetectableDifference(0.1, 150, 150, 0.05, 0.8);

        Assert.Equal(0.8, PowerAnalysis.Power(PowerAnalysis.EffectSize(0.1 + up, 0.1), 150, 150, 0.05), 9);
    }

    [Fact]
    public void McNemarMinimumDetectableChange_MatchesAnIndependentConnorSolution()
    {
        Assert.Equal(3, Rows("mcnemar_change").Count());
        foreach (var r in Rows("mcnemar_change"))
        {
            Assert.Equal(D(r[6]), PowerAnalysis.McNemarMinimumDetectableChange(long.Parse(r[2], CultureInfo.InvariantCulture), D(r[1]), D(r[4]), D(r[5])), 7);
        }
    }

    [Fact]
    public void McNemarMinimumDetectableChange_NoDiscordantPairs_IsUndefined() =>
        Assert.True(double.IsNaN(PowerAnalysis.McNemarMinimumDetectableChange(150, 0, 0.05)));

    [Theory]
    [InlineData(0.1, 0.0)]
    [InlineData(0.95, 0.1)]
    [InlineData(-0.1, 0.1)]
    public void SampleSize_ImpossibleRequest_Throws(double baseRate, double difference) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerAnalysis.SampleSize(baseRate, difference, 0.05));
}
