using ClipAudit.Notebooks;
using ClipAudit.Tests.Comparison;
using ClipAudit.Tests.Support;
using Microsoft.Data.Analysis;

namespace ClipAudit.Tests.Notebooks;

public sealed class ComparisonResultsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-compare-nb-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ComparisonResults Load() => ComparisonResults.Load(
        HandRun.Write(Path.Combine(_root, "base"), [HandRun.Table(RunComparisonTests.BaseRows())]),
        HandRun.Write(Path.Combine(_root, "other"), [HandRun.Table(RunComparisonTests.OtherRows())]));

    [Fact]
    public void Moves_FilteredByMeasure_AreTypedAndHoldTheHandCountedRows()
    {
        var moves = Load().Moves(measure: "harm:crime-related");

        Assert.Equal(3, moves.Rows.Count);
        Assert.IsType<DoubleDataFrameColumn>(moves["difference_pp"]);
        Assert.Equal(["tone=dark", "tone=light", "overall"], moves["group"].Cast<string>());
        Assert.Equal([-20.0, 10.0, -5.0], moves["difference_pp"].Cast<double?>().Select(v => Math.Round(v!.Value, 9)));
    }

    [Fact]
    public void Agreement_HasOneRowPerTaskWithTopClassAgreement()
    {
        var agreement = Load().Agreement();

        Assert.Equal(1, agreement.Rows.Count);
        Assert.Equal(32L, agreement["same_top_class"][0]);
        Assert.Equal(80.0, agreement["same_top_class_percent"][0]);
    }
}
