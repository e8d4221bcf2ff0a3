using System.Text.Json.Nodes;
using ClipAudit.Comparison;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Comparison;

public sealed class ComparisonOutputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-compare-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private RunComparison Comparison() => RunComparison.Create(
        RunFolder.Load(HandRun.Write(Path.Combine(_root, "base"), [HandRun.Table(RunComparisonTests.BaseRows())])),
        RunFolder.Load(HandRun.Write(Path.Combine(_root, "other"), [HandRun.Table(RunComparisonTests.OtherRows())])));

    [Fact]
    public void Write_SameComparisonTwice_WritesIdenticalBytes()
    {
        var first = ComparisonOutput.Write(Comparison(), Path.Combine(_root, "one"));
        var second = ComparisonOutput.Write(Comparison(), Path.Combine(_root, "two"));

        Assert.Equal(3, first.Count);
        Assert.All(first.Zip(second), pair => Assert.Equal(File.ReadAllBytes(pair.First), File.ReadAllBytes(pair.Second)));
    }

    [Fact]
    public void Write_CsvAndJson_HoldTheHandCountedRowInPercent()
    {
        var files = ComparisonOutput.Write(Comparison(), Path.Combine(_root, "out"));

        var csv = File.ReadAllLines(files[1]);
        Assert.Equal(7, csv.Length);
        Assert.StartsWith("task,variant,measure,grouping,group,n,base_x,other_x,base_percent,other_percent,difference_pp,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("harm,base,harm:any,tone,tone=dark,20,6,2,30,10,-20,", csv[1], StringComparison.Ordinal);

        var json = JsonNode.Parse(File.ReadAllText(files[0]))!;
        Assert.Equal("clipaudit.compare/1", json["schema"]!.GetValue<string>());
        Assert.Equal(6, json["rows"]!.GetValue<int>());
        var first = json["moves"]![0]!;
        Assert.Equal(-20.0, first["difference_pp"]!.GetValue<double>(), 12);
        Assert.Equal((4, 0), (first["discordant_base"]!.GetValue<int>(), first["discordant_other"]!.GetValue<int>()));
        Assert.Null(first["only_base"]);
        Assert.NotNull(json["tasks"]![0]!["unmatched_base"]);
        Assert.Equal(32, json["tasks"]![0]!["same_top_class"]!.GetValue<int>());

        var samples = File.ReadAllLines(files[2]);
        Assert.Equal(41, samples.Length);
        Assert.Contains("harm,base,s10,paired,person,thief,false,0.7", samples[11], StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_PerturbedRuns_PrintLargestMoveFirstWithCountsAndPValues()
    {
        var lines = ComparisonText.Lines(Comparison(), top: 2);

        var header = lines.Single(l => l.StartsWith("task/variant  measure", StringComparison.Ordinal));
        var first = lines[lines.ToList().IndexOf(header) + 1];
        Assert.Matches(@"^harm/base\s+harm:any\s+tone=dark\s+20\s+30\.0\s+10\.0\s+-20\.0\s+\[-?\d+\.\d, -?\d+\.\d\]\s+4/0\s+0\.125\s+0\.750$", first);
        Assert.Contains(lines, l => l.StartsWith("6 group rates compared, 0 moved significantly", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^harm/base\s+40\s+32 \(80\.0 %\)\s+0\.7000\s+0\.0888\s+0\s+0$"));
    }

    [Fact]
    public void Lines_DiscordantPairsAndUnmatchedSamples_HaveDifferentNamesAndAreExplained()
    {
        var lines = ComparisonText.Lines(Comparison(), top: 0);

        Assert.Contains(lines, l => l.StartsWith("task/variant  paired", StringComparison.Ordinal) && l.EndsWith("unmatched base  unmatched other", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("task/variant  measure", StringComparison.Ordinal) && l.Contains("discordant base/other", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("only base", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("unmatched: samples only one run scored", StringComparison.Ordinal) && l.Contains("discordant: paired samples", StringComparison.Ordinal));
    }

    [Fact]
    public void DefaultFolder_IsInsideTheOtherRunNamedAfterTheBase()
    {
        Assert.Equal(Path.GetFullPath("/runs/int8/compare-vs-fp32"), ComparisonOutput.DefaultFolder("/runs/fp32/", "/runs/int8"));
    }
}
