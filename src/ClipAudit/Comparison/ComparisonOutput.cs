using ClipAudit.Reporting;
using ClipAudit.Audits;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClipAudit.Comparison;
using ClipAudit.Reporting.Tables;

namespace ClipAudit.Comparison;

/// <summary>
/// Writes a comparison: compare.json (runs, method, setup differences, per-task agreement, unmatched samples and
/// every rate move), compare.csv (the moves) and compare_samples.csv (per sample). Nothing depends on the clock,
/// so the same two runs always give the same bytes.
/// </summary>
public static class ComparisonOutput
{
    public const string JsonFileName = "compare.json";
    public const string CsvFileName = "compare.csv";
    public const string SamplesFileName = "compare_samples.csv";
    public const string Schema = "clipaudit.compare/1";

    /// <summary>The default output folder: <c>OTHER/compare-vs-&lt;base folder name&gt;</c>.</summary>
    public static string DefaultFolder(string baseFolder, string otherFolder)
    {
        ArgumentNullException.ThrowIfNull(baseFolder);
        ArgumentNullException.ThrowIfNull(otherFolder);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseFolder)));
        return Path.Combine(Path.GetFullPath(otherFolder), $"compare-vs-{name}");
    }

    public static IReadOnlyList<string> Write(RunComparison comparison, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var moves = ComparisonTables.Moves(comparison);
        string json = Path.Combine(outputDirectory, JsonFileName), csv = Path.Combine(outputDirectory, CsvFileName), samples = Path.Combine(outputDirectory, SamplesFileName);
        CsvTableWriter.Write(moves, csv);
        CsvTableWriter.Write(ComparisonTables.Samples(comparison), samples);
        AtomicFile.WriteAllText(json, Document(comparison, moves).ToJsonString(ResultsJson.Options) + "\n");
        return [json, csv, samples];
    }

    /// <summary>What the statistics are, in words, as written to compare.json and printed.</summary>
    public static string Method(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return string.Create(CultureInfo.InvariantCulture,
            $"samples paired by id; {comparison.Level:P0} Newcombe paired intervals (method 10) for rate(other) - rate(base); McNemar's test (exact binomial below {Metrics.McNemarTest.ExactBelowDiscordant} discordant samples, chi-square with continuity correction otherwise); Holm over all {comparison.Moves.Count} rows");
    }

    private static JsonObject Document(RunComparison comparison, TableData moves)
    {
        var options = ResultsJson.Options;
        return new JsonObject
        {
            ["schema"] = Schema,
            ["base"] = comparison.BaseFolder,
            ["other"] = comparison.OtherFolder,
            ["method"] = Method(comparison),
            ["level"] = comparison.Level,
            ["rows"] = comparison.Moves.Count,
            ["significant"] = comparison.Significant,
            ["setup_differences"] = JsonSerializer.SerializeToNode(comparison.Setup, options),
            ["not_compared"] = JsonSerializer.SerializeToNode(comparison.NotCompared, options),
            ["counterfactual"] = JsonSerializer.SerializeToNode(comparison.Counterfactual, options),
            ["tasks"] = new JsonArray(comparison.Tasks.Select(t => (JsonNode)new JsonObject
            {
                ["task"] = t.Task,
                ["variant"] = t.Variant,
                ["paired"] = t.Matched,
                ["same_top_class"] = t.SameTopClass,
                ["same_top_class_percent"] = t.Matched == 0 ? null : t.SameTopClassPercent,
                ["probability_change"] = JsonSerializer.SerializeToNode(t.Probability, options),
                ["unmatched_base"] = JsonSerializer.SerializeToNode(t.OnlyInBase, options),
                ["unmatched_other"] = JsonSerializer.SerializeToNode(t.OnlyInOther, options),
            }).ToArray()),
            ["moves"] = new JsonArray(moves.Rows.Select(row => (JsonNode)new JsonObject(
                moves.Columns.Select((c, i) => KeyValuePair.Create(c.Name, JsonSerializer.SerializeToNode(row[i], options))))).ToArray()),
        };
    }
}
