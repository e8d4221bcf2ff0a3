using System.IO.Compression;
using System.Text.Json.Nodes;
using ClipAudit.Audits;
using ClipAudit.Errors;
using ClipAudit.Metrics;
using ClipAudit.Reporting;
using ClipAudit.Reporting.Report;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Reporting;

/// <summary>
/// results.json records the statistics options once (<c>counts.provenance.statistics</c>) and the seed once
/// (<c>counts.provenance.seed</c>), and still reads files of the previous format, which repeated them in every rate.
/// </summary>
public sealed class ResultsJsonStatisticsOnceTests : IDisposable
{
    private static readonly DateTimeOffset Generated = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("clipaudit-results-once-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_BootstrapAuditWithSubgroups_HoldsExactlyOneSeedAndNoRepeatedOptions()
    {
        using var audit = SyntheticAudit.Create(samples: 120, writeImages: false, configLines: "subgroups: { depth: 1, min_size: 5, alpha: 1, attributes: [tone, gender] }\n");
        var config = AuditConfig.Load(audit.ConfigPath);
        config = config with { Statistics = config.Statistics with { Interval = IntervalMethod.Bootstrap } };
        var run = FakeAudit.Run(config);
        Assert.NotEmpty(run.Result.Counts.Subgroups); // so the records that used to echo the seed are in the file
        var path = Path.Combine(_root, ResultsJson.FileName);
        ResultsJson.Write(run.Result, path, Generated);

        var json = File.ReadAllText(path);
        Assert.Equal([("counts.provenance.seed", "3")], ResultsJsonSeeds.Find(json));
        var root = JsonNode.Parse(json)!;
        Assert.Null(root["statistics"]!["options"]);
        Assert.All(root["statistics"]!["rates"]!.AsArray(), rate => Assert.Null(rate!["rate_within_group"]!["options"]));
        Assert.Equal("Bootstrap", root["counts"]!["provenance"]!["statistics"]!["interval"]!.GetValue<string>());
    }

    [Fact]
    public void ReadCounts_PreviousFormat_ReDerivesTheSameStatisticsAsTheFileHolds()
    {
        var previous = JsonNode.Parse(File.ReadAllText(PreviousResults()))!;
        Assert.Equal(15, ResultsJsonSeeds.Find(previous.ToJsonString()).Count); // 14 `seed` keys and `bootstrap_seed`

        var counts = ResultsJson.ReadCounts(PreviousResults());
        Assert.Equal(7, counts.Provenance.Seed.Value);
        Assert.Equal(IntervalMethod.Bootstrap, AuditStatistics.Options(counts.Provenance).Method);
        Assert.NotEmpty(counts.Subgroups);
        var path = Path.Combine(_root, "rewritten.json");
        ResultsJson.Write(AuditStatistics.Compute(counts), path, Generated);
        var rewritten = JsonNode.Parse(File.ReadAllText(path))!;

        // The previous statistics, with only the repeated options taken out, are the statistics derived now: every
        // bootstrap interval (seed 7, 200 resamples), test, adjustment and subgroup confirmation, number for number.
        var expected = previous["statistics"]!.DeepClone().AsObject();
        expected.Remove("options");
        foreach (var rate in expected["rates"]!.AsArray())
        {
            rate!["rate_within_group"]!.AsObject().Remove("options");
        }

        // ... and the subgroup finding's copy of the seed (the halves were drawn with counts.provenance.seed).
        foreach (var subgroup in expected["subgroups"]!.AsArray())
        {
            Assert.Equal(7, subgroup!["finding"]!["seed"]!.GetValue<int>());
            subgroup["finding"]!.AsObject().Remove("seed");
        }

        Assert.NotEmpty(expected["rates"]!.AsArray());
        Assert.Contains("\"method\":\"bootstrap\"", expected.ToJsonString(), StringComparison.Ordinal); // intervals, not options: those were removed
        AssertSame(expected, rewritten["statistics"], "statistics");
        Assert.Single(ResultsJsonSeeds.Find(rewritten.ToJsonString()));
    }

    [Fact]
    public void Report_FromAPreviousFormatFolder_Renders()
    {
        var folder = Path.Combine(_root, "previous");
        Directory.CreateDirectory(folder);
        File.Copy(PreviousResults(), Path.Combine(folder, ResultsJson.FileName));
        var result = AuditStatistics.Compute(ResultsJson.ReadCounts(Path.Combine(folder, ResultsJson.FileName)));
        ReportWriter.Write(result, folder, ReportFormats.Markdown, Generated);

        var summary = File.ReadAllText(Path.Combine(folder, "summary.md"));
        Assert.Contains("| group=C | 20 | 3 | 15.0\u00a0% | 5.2–36.0\u00a0% | +15.0 (−3.8 to +36.0) | 1.000 |", summary, StringComparison.Ordinal);
        // Rows the previous version wrote in this file's summary.md, numbers unchanged.
        Assert.Contains("| harm | harm:crime-related | 3.8\u00a0% | 1.3–10.5\u00a0% | 80 |", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCounts_PreviousFormatWithAnEditedBootstrapSeed_IsRefused()
    {
        var previous = JsonNode.Parse(File.ReadAllText(PreviousResults()))!;
        previous["counts"]!["provenance"]!["statistics"]!["bootstrap_seed"] = 8;
        var path = Path.Combine(_root, ResultsJson.FileName);
        File.WriteAllText(path, previous.ToJsonString());

        var ex = Assert.Throws<InvalidConfigException>(() => ResultsJson.ReadCounts(path));
        Assert.Contains("bootstrap_seed (8) differs from counts.provenance.seed (7)", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The previous-format file (Data/Reporting/PreviousResults/README.md), unpacked once per test.</summary>
    private string PreviousResults()
    {
        var path = Path.Combine(_root, "previous.json");
        if (!File.Exists(path))
        {
            using var packed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "Reporting", "PreviousResults", "results.json.gz"));
            using var gzip = new GZipStream(packed, CompressionMode.Decompress);
            using var file = File.Create(path);
            gzip.CopyTo(file);
        }

        return path;
    }

    /// <summary>Structural equality that names the first differing path; numbers compare as doubles (bit for bit).</summary>
    private static void AssertSame(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject map:
                var other = Assert.IsType<JsonObject>(actual);
                Assert.True(map.Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(other.Select(p => p.Key).Order(StringComparer.Ordinal)),
                    $"{path}: keys [{string.Join(", ", map.Select(p => p.Key))}] vs [{string.Join(", ", other.Select(p => p.Key))}]");
                foreach (var (name, value) in map)
                {
                    AssertSame(value, other[name], $"{path}.{name}");
                }

                break;
            case JsonArray list:
                var items = Assert.IsType<JsonArray>(actual);
                Assert.True(list.Count == items.Count, $"{path}: {list.Count} items vs {items.Count}");
                for (var i = 0; i < list.Count; i++)
                {
                    AssertSame(list[i], items[i], $"{path}[{i}]");
                }

                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                Assert.True(actual is JsonValue number && number.GetValueKind() == System.Text.Json.JsonValueKind.Number, $"{path}: expected a number, found {actual?.ToJsonString() ?? "null"}");
                Assert.True(value.GetValue<double>().Equals(actual!.GetValue<double>()), $"{path}: {value.ToJsonString()} vs {actual.ToJsonString()}");
                break;
            default:
                Assert.True(expected?.ToJsonString() == actual?.ToJsonString(), $"{path}: {expected?.ToJsonString() ?? "null"} vs {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
