using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// The dataset keys of Parquet data: <c>format: parquet</c> on <c>kind: fairface</c> (the Hugging Face copy), and
/// <c>config</c> / <c>split</c> on <c>kind: parquet</c> and <c>kind: social_counterfactuals</c> (with its <c>columns:</c> mapping). A linear probe's <c>train:</c> keeps the audit's config and
/// format and reads split <c>train</c> unless it says otherwise.
/// </summary>
internal static class ParquetDatasetSettings
{
    private static readonly Dictionary<string, bool> Formats = new(StringComparer.Ordinal) { ["csv"] = false, ["parquet"] = true };

    private static readonly string[] ColumnKeys = ["set", "first_type", "first_value", "second_type", "second_value"];

    /// <summary>The optional <c>columns:</c> mapping of <c>kind: social_counterfactuals</c>: each key overrides one default column name.</summary>
    private static SocialCounterfactualsColumns? SocialColumns(YamlMap dataset)
    {
        if (dataset.OptionalMap("columns", "'columns' (SocialCounterfactuals column names)", ColumnKeys) is not { } map)
        {
            return null;
        }

        var d = SocialCounterfactualsColumns.Default;
        return new SocialCounterfactualsColumns(
            map.OptionalString("set") ?? d.Set, map.OptionalString("first_type") ?? d.FirstType, map.OptionalString("first_value") ?? d.FirstValue,
            map.OptionalString("second_type") ?? d.SecondType, map.OptionalString("second_value") ?? d.SecondValue);
    }

    public static ParquetSettings? Read(YamlMap map, DatasetKind kind, DatasetSettings? inherit)
    {
        switch (kind)
        {
            case DatasetKind.FairFace:
                var parquet = map.OptionalChoice("format", Formats) ?? inherit?.Parquet is not null;
                return parquet ? new ParquetSettings(null, null) : null;
            case DatasetKind.Parquet:
                var split = map.OptionalString("split") ?? (inherit is null ? null : "train");
                return new ParquetSettings(map.OptionalString("config") ?? inherit?.Parquet?.Config, split);
            case DatasetKind.SocialCounterfactuals:
                return new ParquetSettings(map.OptionalString("config") ?? inherit?.Parquet?.Config, map.OptionalString("split") ?? "train")
                {
                    SocialCounterfactuals = SocialColumns(map) ?? inherit?.Parquet?.SocialCounterfactuals ?? SocialCounterfactualsColumns.Default,
                };
            default:
                return null;
        }
    }
}
