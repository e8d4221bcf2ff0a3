using ClipAudit.Datasets;
using ClipAudit.Datasets.Parquet;

namespace ClipAudit.Audits;

/// <summary>Turns an audit config's dataset section into the manifest of samples the audit will use.</summary>
internal static class DatasetLoader
{
    /// <param name="spillFolder">
    /// When given, a CSV dataset is read without holding its samples in memory (<see cref="CsvManifestReader.ReadSpilled"/>):
    /// they are kept in this folder, which the caller deletes once the manifest is no longer used. Other kinds are read whole.
    /// </param>
    public static DatasetManifest Load(DatasetSettings settings, string? spillFolder = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckManifestExists(settings);
        IDatasetReader reader = settings.Kind switch
        {
            DatasetKind.FairFace when settings.Parquet is not null => FairFaceParquetReader.Create(settings.Root),
            DatasetKind.FairFace => FairFaceReader.Create(settings.Root),
            DatasetKind.Pairs => PairsReader.Create(settings.Root),
            DatasetKind.SocialCounterfactuals => SocialCounterfactualsReader.Create(
                settings.Root, settings.Parquet?.Config, settings.Parquet?.Split, settings.ImageColumn, Columns(settings.Parquet?.SocialCounterfactuals)),
            DatasetKind.Parquet => ParquetDatasetReader.Create(settings.Root, settings.Parquet?.Config, settings.Parquet?.Split, settings.ImageColumn),
            DatasetKind.UtkFace => UtkFaceReader.Create(settings.Root),
            DatasetKind.Csv => CsvManifestReader.Create(settings.Manifest!, settings.Root, settings.ImageColumn),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "Unknown dataset kind."),
        };
        return spillFolder is not null && reader is CsvManifestReader csv ? csv.ReadSpilled(Options(settings), spillFolder) : reader.Read(Options(settings));
    }

    /// <summary>
    /// A relative <c>manifest:</c> is resolved from the config's folder, not the working directory; when it is not
    /// there, say so at the config's line, with both paths, before the CSV reader reports a bare path.
    /// </summary>
    private static void CheckManifestExists(DatasetSettings settings)
    {
        if (settings is not { Kind: DatasetKind.Csv, Manifest: { } manifest, ManifestKey: { } key } || File.Exists(manifest))
        {
            return;
        }

        var what = Directory.Exists(manifest) ? "is a folder, not a CSV file" : "was not found";
        var where = Path.IsPathRooted(key.AsWritten)
            ? $"'{manifest}'"
            : $"'{manifest}' (resolved from the config's folder '{Path.GetDirectoryName(Path.GetFullPath(key.File))}', not the working directory)";
        throw Taxonomies.ConfigErrors.At(key.Kind, key.File, key.Line,
            $"manifest '{key.AsWritten}' {what}: looked for {where}. Write the path relative to the config file's folder, or give an absolute path.");
    }

    private static SocialCounterfactualsLayout Columns(SocialCounterfactualsColumns? columns)
    {
        var c = columns ?? SocialCounterfactualsColumns.Default;
        return new SocialCounterfactualsLayout(c.Set, c.FirstType, c.FirstValue, c.SecondType, c.SecondValue);
    }

    public static DatasetOptions Options(DatasetSettings settings) => new()
    {
        Split = settings.Split,
        Padding = settings.PaddingRatio,
        ServiceTestOnly = settings.ServiceTestOnly,
        Filters = settings.Filters.ToDictionary(f => f.Attribute, f => f.Values, StringComparer.Ordinal),
        SampleSize = settings.SampleSize,
        Seed = settings.SampleSeed,
    };
}
