using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// The dataset keys of Parquet data: <c>format: parquet</c> on <c>kind: fairface</c> (the Hugging Face copy), and
/// <c>config</c> / <c>split</c> on <c>kind: parquet</c>. A linear probe's <c>train:</c> keeps the audit's config and
/// format and reads split <c>train</c> unless it says otherwise.
/// </summary>
internal static class ParquetDatasetSettings
{
    private static readonly Dictionary<string, bool> Formats = new(StringComparer.Ordinal) { ["csv"] = false, ["parquet"] = true };

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
            default:
                return null;
        }
    }
}
