using ClipAudit.Metrics.MultiLabel;

namespace ClipAudit.Tests.Metrics.MultiLabel;

public sealed class ThresholdedLabelsTests
{
    private static readonly string[] Classes = ["nanny", "soldier", "person"];

    /// <summary>
    /// 4 female and 6 male samples at threshold 0.3. nanny is a label of 3/4 female and 1/6 male samples (one of them
    /// exactly at the threshold), soldier of 0/4 female and 4/6 male, person of all 10. By hand, χ² = N(ad − bc)² /
    /// (row and column totals multiplied): nanny 10·(3·5 − 1·1)²/(4·6·4·6) = 3.40278, soldier 10·(0·2 − 4·4)²/576 = 4.44444.
    /// </summary>
    private static MultiLabelSample[] HandSamples() =>
    [
        new("f1", "female", [0.60, 0.10, 0.30]),
        new("f2", "female", [0.30, 0.29, 0.41]),
        new("f3", "female", [0.35, 0.05, 0.60]),
        new("f4", "female", [0.10, 0.20, 0.70]),
        new("m1", "male", [0.31, 0.32, 0.37]),
        new("m2", "male", [0.05, 0.45, 0.50]),
        new("m3", "male", [0.20, 0.40, 0.40]),
        new("m4", "male", [0.29, 0.30, 0.41]),
        new("m5", "male", [0.00, 0.00, 1.00]),
        new("m6", "male", [0.25, 0.25, 0.50]),
    ];

    [Fact]
    public void Analyze_HandExample_CountsLabelsAtOrAboveTheThresholdPerGroup()
    {
        var result = ThresholdedLabels.Analyze(Classes, HandSamples(), 0.3);

        Assert.Equal(["female", "male"], result.Groups);
        Assert.Equal([4, 6], result.GroupSampleCounts);
        Assert.Equal([3, 1], result.For("nanny").ByGroup.Select(f => f.Count));
        Assert.Equal([0, 4], result.For("soldier").ByGroup.Select(f => f.Count));
        Assert.Equal([4, 6], result.For("person").ByGroup.Select(f => f.Count));
        Assert.Equal(0.75, result.For("nanny").ByGroup[0].Rate, 12);
    }

    [Fact]
    public void Analyze_HandExample_RanksByChiSquareWithDirection()
    {
        var result = ThresholdedLabels.Analyze(Classes, HandSamples(), 0.3);

        Assert.Equal(["soldier", "nanny", "person"], result.Ranked.Select(a => a.ClassId));
        var soldier = result.Ranked[0];
        Assert.Equal(40.0 / 9, soldier.ChiSquare!.Value, 12);
        Assert.Equal("male", soldier.OverRepresentedGroup);
        Assert.Equal(1, soldier.DegreesOfFreedom);
        var nanny = result.Ranked[1];
        Assert.Equal(1960.0 / 576, nanny.ChiSquare!.Value, 12);
        Assert.Equal("female", nanny.OverRepresentedGroup);
        // scipy 1.10.1 chi2_contingency([[3, 1], [1, 5]], correction=False) p-value (chi2_reference.csv, hand_2x2).
        Assert.Equal(0.0650867264927669, nanny.PValue!.Value, 12);
        var person = result.Ranked[2];
        Assert.Null(person.ChiSquare);
        Assert.Null(person.PValue);
        Assert.Null(person.OverRepresentedGroup);
    }

    [Fact]
    public void Analyze_EqualRatesInDifferentSizedGroups_HasNoDirectionAndZeroStatistic()
    {
        MultiLabelSample[] samples =
        [
            new("a1", "a", [0.9, 0.1]), new("a2", "a", [0.1, 0.9]),
            new("b1", "b", [0.9, 0.1]), new("b2", "b", [0.9, 0.1]), new("b3", "b", [0.1, 0.9]), new("b4", "b", [0.1, 0.9]),
        ];

        var association = ThresholdedLabels.Analyze(["x", "y"], samples, 0.5).For("x");

        Assert.Equal(0.0, association.ChiSquare!.Value, 12);
        Assert.Equal(1.0, association.PValue!.Value, 12);
        Assert.Null(association.OverRepresentedGroup);
    }

    [Fact]
    public void Analyze_ProbabilityCountMismatch_ThrowsNamingTheSample()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ThresholdedLabels.Analyze(Classes, [new MultiLabelSample("s9", "g", [0.5, 0.5])], 0.04));

        Assert.Contains("'s9'", error.Message, StringComparison.Ordinal);
    }
}
