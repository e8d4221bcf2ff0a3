using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClipAudit.Audits;
using ClipAudit.Errors;
using ClipAudit.Metrics;
using ClipAudit.Reporting.Tables;

namespace ClipAudit.Reporting;

/// <summary>
/// results.json: <c>counts</c> (provenance, data quality, per-group counts, paired counts: the input of every
/// statistic) and <c>statistics</c> (everything derived from them, with method names and parameters).
/// <c>generated_utc</c> is the one field that differs between two runs of the same audit; comparisons ignore it.
/// </summary>
public static class ResultsJson
{
    public const string FileName = "results.json";
    public const string Schema = "clipaudit.results/1";
    public const string TimestampField = "generated_utc";

    internal static readonly JsonSerializerOptions Options = CreateOptions();

    public static void Write(AuditResult result, string path, DateTimeOffset generated)
    {
        ArgumentNullException.ThrowIfNull(result);
        var document = new JsonObject
        {
            ["schema"] = Schema,
            [TimestampField] = generated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["counts"] = JsonSerializer.SerializeToNode(result.Counts, Options),
            ["statistics"] = WithoutRepeatedOptions(JsonSerializer.SerializeToNode(
                new { rates = result.Rates, distributions = result.Distributions, sensitivity = result.Sensitivity, label_associations = result.LabelAssociations, targets = result.Targets, detectable_differences = result.DetectableDifferences, detectable_changes = result.DetectableChanges, counterfactual = result.Counterfactual, associations = result.Associations, subgroups = result.Subgroups, multiple_comparisons = result.AuditWide }, Options)),
        };
        AtomicFile.WriteAllText(path, document.ToJsonString(Options) + "\n");
    }

    /// <summary>
    /// The statistics options (interval method, level, resamples, minimum group size, reference groups) are recorded once,
    /// in <c>counts.provenance.statistics</c>, and the seed once, in <c>counts.provenance.seed</c>; each rate names its
    /// reference group in <c>reference</c>. Files written before this also held the options in <c>statistics.options</c>
    /// and in every rate's <c>rate_within_group.options</c> (28 copies of one seed in the demo); readers never used those.
    /// </summary>
    private static JsonNode? WithoutRepeatedOptions(JsonNode? statistics)
    {
        foreach (var rate in statistics?["rates"]?.AsArray() ?? [])
        {
            (rate?["rate_within_group"] as JsonObject)?.Remove("options");
        }

        return statistics;
    }

    /// <summary>Reads the counts back; <see cref="AuditStatistics.Compute"/> re-derives the statistics from them.</summary>
    public static AuditCounts ReadCounts(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidConfigException($"'{path}' does not exist. Pass the output folder of 'clipaudit audit' (it holds {FileName}).", path);
        }

        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path));
            var schema = root?["schema"]?.GetValue<string>();
            if (schema != Schema)
            {
                throw new InvalidConfigException($"'{path}' has schema '{schema ?? "(none)"}'; this ClipAudit reads '{Schema}'. Re-run the audit with this version.", path);
            }

            CheckPreviousBootstrapSeed(root!, path);
            return root!["counts"].Deserialize<AuditCounts>(Options)
                ?? throw new InvalidConfigException($"'{path}' has no 'counts' section.", path);
        }
        catch (JsonException ex)
        {
            throw new InvalidConfigException($"'{path}' line {(ex.LineNumber ?? 0) + 1}: not a valid results file ({ex.Message}).", path, (int?)(ex.LineNumber + 1), ex);
        }
    }

    /// <summary>
    /// Files written before the seed was recorded once also hold <c>counts.provenance.statistics.bootstrap_seed</c>. The
    /// audit always wrote its one seed there, so it is read through <c>counts.provenance.seed</c>; a file where the two
    /// differ was edited by hand and cannot be recomputed faithfully, so it is refused rather than silently re-seeded.
    /// </summary>
    private static void CheckPreviousBootstrapSeed(JsonNode root, string path)
    {
        var provenance = root["counts"]?["provenance"];
        if (provenance?["statistics"]?["bootstrap_seed"] is JsonValue bootstrap && provenance["seed"] is JsonValue seed
            && bootstrap.ToJsonString() != seed.ToJsonString())
        {
            throw new InvalidConfigException(
                $"'{path}': counts.provenance.statistics.bootstrap_seed ({bootstrap.ToJsonString()}) differs from counts.provenance.seed ({seed.ToJsonString()}). " +
                "ClipAudit always wrote one seed to both, so the file was changed after the audit. Restore it or re-run the audit.",
                path);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new GroupKeyConverter());
        options.Converters.Add(new ProportionConverter());
        options.Converters.Add(new FiniteDoubleConverter());
        return options;
    }

    /// <summary>A group as its ordered <c>name=value</c> facets: <c>["race=Black", "gender=Female"]</c>; overall is <c>[]</c>.</summary>
    private sealed class GroupKeyConverter : JsonConverter<GroupKey>
    {
        public override GroupKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var facets = JsonSerializer.Deserialize<string[]>(ref reader) ?? [];
            return GroupKey.Create(facets.Select(f =>
            {
                var at = f.IndexOf('=', StringComparison.Ordinal);
                return at > 0 ? new GroupFacet(f[..at], f[(at + 1)..]) : throw new JsonException($"Group facet '{f}' is not name=value.");
            }));
        }

        public override void Write(Utf8JsonWriter writer, GroupKey value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var facet in value.Attributes)
            {
                writer.WriteStringValue(facet.ToString());
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>
    /// An undefined statistic (a p-value of a test that could not run, a z of two empty groups) is written as JSON
    /// <c>null</c>: JSON has no NaN, and the string "NaN" that System.Text.Json's named literals wrote broke every
    /// reader expecting a number. Reading turns null, and the "NaN"/"Infinity" strings older files hold, back into doubles.
    /// </summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.Null => double.NaN,
            JsonTokenType.String => reader.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var text => throw new JsonException($"Expected a number, found the string '{text}'."),
            },
            _ => reader.GetDouble(),
        };

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>Counts as <c>{"x": successes, "n": trials}</c>, the pair every rate is recomputed from.</summary>
    private sealed class ProportionConverter : JsonConverter<Proportion>
    {
        public override Proportion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var node = JsonNode.Parse(ref reader) ?? throw new JsonException("Expected {\"x\": .., \"n\": ..}.");
            return new Proportion(node["x"]!.GetValue<long>(), node["n"]!.GetValue<long>());
        }

        public override void Write(Utf8JsonWriter writer, Proportion value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("x", value.Successes);
            writer.WriteNumber("n", value.Trials);
            writer.WriteEndObject();
        }
    }
}
