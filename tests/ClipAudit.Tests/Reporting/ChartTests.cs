using ClipAudit.Reporting.Charts;

namespace ClipAudit.Tests.Reporting;

public sealed class ChartTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clipaudit-charts-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> ChartNames => new() { "rate", "grouped", "heatmap", "dumbbell", "forest", "published" };

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Save_EachChart_WritesNonTrivialPngAndSvgWithGroupLabelsInTheEmbeddedFont(string name)
    {
        IReadOnlyList<string> files = ChartFiles.Save(Build(name), Path.Combine(folder, name), 900, 500);

        Assert.Equal([Path.Combine(folder, name + ".png"), Path.Combine(folder, name + ".svg")], files);
        byte[] png = File.ReadAllBytes(files[0]);
        Assert.True(png.Length > 8_000, $"{name}.png is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        string svg = File.ReadAllText(files[1]);
        foreach (string group in new[] { "Black", "East Asian", "Southeast Asian" })
        {
            Assert.Contains(group, svg, StringComparison.Ordinal);
        }

        Assert.Contains("font-family=\"DejaVu Sans\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Serif", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Heatmap_Svg_DrawsEveryCellAsAVectorRectangleWithItsValue()
    {
        ShareMatrixData data = SampleReport.ShareData();
        string svg = File.ReadAllText(ChartFiles.Save(HeatmapChart.Create(data), Path.Combine(folder, "hm"), formats: ChartFormats.Svg)[0]);

        // Only the colour bar may be a bitmap; a bitmap heatmap is blurred by SVG viewers.
        Assert.True(CountOf(svg, "<image") <= 1, "heatmap cells must not be an embedded bitmap");
        Assert.True(CountOf(svg, "<rect") >= data.Groups.Count * data.Classes.Count);
        Assert.Contains("91.6%", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void RateChart_ErrorBars_KeepTheIntervalAsymmetric()
    {
        ChartRate black = SampleReport.Groups[0]; // 4.12% in [3.10%, 5.41%]
        var errors = RateChart.Create(SampleReport.RateData()).GetPlottables<ScottPlot.Plottables.ErrorBar>().Single();

        Assert.Equal((black.Upper - black.Rate) * 100, errors.YErrorPositive![0], 9);
        Assert.Equal((black.Rate - black.Lower) * 100, errors.YErrorNegative![0], 9);
        Assert.NotEqual(errors.YErrorPositive[0], errors.YErrorNegative[0], 6);
    }

    [Fact]
    public void RateChart_RateOutsideItsInterval_Throws()
    {
        var data = new RateChartData("t", "rate", [new ChartRate("A", 10, 0.5, 0.6, 0.7)]);

        var error = Assert.Throws<ArgumentException>(() => RateChart.Create(data));
        Assert.Contains("group 'A'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupedRateChart_DuplicateCell_Throws()
    {
        var data = new GroupedRateChartData("t", "rate", [new("A", "x", 5, 0.1, 0, 0.2), new("A", "x", 5, 0.1, 0, 0.2)]);

        Assert.Throws<ArgumentException>(() => GroupedRateChart.Create(data));
    }

    [Fact]
    public void Heatmap_ShapeMismatch_Throws()
    {
        var data = new ShareMatrixData("t", ["a", "b"], ["x"], new double[1, 1]);

        Assert.Throws<ArgumentException>(() => HeatmapChart.Create(data));
    }

    private static ScottPlot.Plot Build(string name) => name switch
    {
        "rate" => RateChart.Create(SampleReport.RateData()),
        "grouped" => GroupedRateChart.Create(SampleReport.GroupedData()),
        "heatmap" => HeatmapChart.Create(SampleReport.ShareData()),
        "dumbbell" => DumbbellChart.Create(SampleReport.DumbbellData()),
        "forest" => ForestPlot.Create(SampleReport.ForestData()),
        "published" => MeasuredVsPublishedChart.Create(SampleReport.PublishedData()),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
