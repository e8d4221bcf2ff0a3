using System.Globalization;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Cli;

public sealed class PlanCommandTests
{
    [Theory]
    [InlineData("10", "5", "0.05", "1", "sample_size,0.1,0.05,1.0,0.05,0.8,")]
    [InlineData("30", "5", "0.01", "2", "sample_size,0.3,0.05,2.0,0.01,0.8,")]
    [InlineData("90", "-5", "0.05", "0.5", "sample_size,0.9,-0.05,0.5,0.05,0.8,")]
    public void Plan_PrintsStatsmodelsSampleSizeRoundedUp(string baseRate, string difference, string alpha, string ratio, string referencePrefix)
    {
        var reference = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "Power", "statsmodels-power.csv")).Single(l => l.StartsWith(referencePrefix, StringComparison.Ordinal));
        double n = double.Parse(reference.Split(',')[6], CultureInfo.InvariantCulture);

        var (code, stdout, _) = CliRunner.Run("plan", "--base-rate-percent", baseRate, "--difference-points", difference, "--alpha", alpha, "--ratio", ratio);

        Assert.Equal(0, code);
        string rounded = ((long)Math.Ceiling(n)).ToString(CultureInfo.InvariantCulture);
        Assert.Contains(ratio == "1" ? $"  {rounded} samples per group" : $"  {rounded} samples in the first group", stdout, StringComparison.Ordinal);
        Assert.Contains($"{n.ToString("0.00", CultureInfo.InvariantCulture)} before rounding up)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Comparisons_DividesAlpha()
    {
        var (_, single, _) = CliRunner.Run("plan", "--base-rate-percent", "10", "--difference-points", "5", "--alpha", "0.00833333333333333");
        var (_, six, _) = CliRunner.Run("plan", "--base-rate-percent", "10", "--difference-points", "5", "--comparisons", "6");

        Assert.Contains("(= 0.05 / 6 comparisons)", six, StringComparison.Ordinal);
        Assert.Equal(single.Split('\n')[1], six.Split('\n')[1]);
    }

    [Theory]
    [InlineData("10", "0")]
    [InlineData("10", "95")]
    [InlineData("120", "5")]
    public void Plan_ImpossibleRequest_ExitsTwoWithExample(string baseRate, string difference)
    {
        var (code, _, stderr) = CliRunner.Run("plan", "--base-rate-percent", baseRate, "--difference-points", difference);

        Assert.Equal(2, code);
        Assert.Contains("Example: clipaudit plan", stderr, StringComparison.Ordinal);
    }
}
