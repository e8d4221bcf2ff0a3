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
            ["statistics"] = JsonSerializer.SerializeToNode(
                new { options = result.Options, rates = result.Rates, distributions = result.Distributions, sensitivity = result.Sensitivity, label_associations = result.LabelAssociations, targets = result.Targets, detectable_differences = result.DetectableDifferences, detectable_changes = result.DetectableChanges, counterfactual = result.Counterfactual, associations = result.Associations, subgroups = result.Subgroups, multiple_comparisons = result.AuditWide }, Options),
        };
        AtomicFile.WriteAllText(path, document.ToJsonString(Options) + "\n");
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

            return root!["counts"].Deserialize<AuditCounts>(Options)
                ?? throw new InvalidConfigException($"'{path}' has no 'counts' section.", path);
        }
        catch (JsonException ex)
        {
            throw new InvalidConfigException($"'{path}' line {(ex.LineNumber ?? 0) + 1}: not a valid results file ({ex.Message}).", path, (int?)(ex.LineNumber + 1), ex);
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
