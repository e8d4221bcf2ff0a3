using System.Globalization;
using ClipAudit.Metrics;

namespace ClipAudit.Tests.Reporting;

[Collection(DemoAuditGroup.Name)]
public sealed class DetectableDifferenceReportTests(DemoAuditFixture demo)
{
    [Fact]
    public void DemoAt40PerGroup_NonSignificantGroupComparison_UsesStatsmodelsEffectSizeAtAlphaOverSix()
    {
        // statsmodels' h for n1 = n2 = 40, α = 0.05/6 (4 groups → 6 pairwise comparisons), power 0.8: Data/Power/statsmodels-power.csv.
        double h = double.Parse(
            File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "Power", "statsmodels-power.csv")).Single(l => l.StartsWith("effect_size,,40,", StringComparison.Ordinal)).Split(',')[6],
            CultureInfo.InvariantCulture);
        var rows = demo.Run.Result.DetectableDifferences.Where(d => d.Grouping == Grouping.Of("group") && d.Variant == "base").ToList();

        Assert.NotEmpty(rows);
        foreach (var d in rows)
        {
            Assert.Equal(0.05 / 6, d.Alpha, 12);
            Assert.True(d.HolmP >= 0.05);
            double angle = Math.Asin(Math.Sqrt(d.ReferenceRate)) + (h / 2);
            if (angle > Math.PI / 2)
            {
                Assert.True(double.IsNaN(d.Increase), $"{d.Measure} {d.Group}: a rate of {d.ReferenceRate} cannot rise by h = {h}");
                continue;
            }

            double expected = Math.Pow(Math.Sin(angle), 2) - d.ReferenceRate;
            Assert.True(Math.Abs(expected - d.Increase) < 1e-6, $"{d.Measure} {d.Group}: {d.Increase} vs {expected}");
        }
    }

    [Fact]
    public void SignificantComparisons_HaveNoDetectableDifferenceRow()
    {
        foreach (var stats in demo.Run.Result.Rates)
        {
            foreach (var pair in stats.Frame.Pairwise.Where(p => p.HolmP < 0.05))
            {
                Assert.DoesNotContain(demo.Run.Result.DetectableDifferences, d =>
                    d.Task == stats.Task && d.Variant == stats.Variant && d.Measure == stats.Measure && d.Grouping == stats.Grouping &&
                    ((d.Group == pair.First && d.Reference == pair.Second) || (d.Group == pair.Second && d.Reference == pair.First)));
            }
        }
    }

    [Fact]
    public void Summary_SaysNotSignificantIsNotNoDifference_WithTheDetectableTable()
    {
        var summary = File.ReadAllText(Path.Combine(demo.Output, "summary.md"));

        Assert.Contains("Not significant is not 'no difference'", summary, StringComparison.Ordinal);
        Assert.Contains("| Detectable at 80 % power, points (↑ / ↓) |", summary, StringComparison.Ordinal);
    }
}
