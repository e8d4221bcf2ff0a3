using System.Globalization;
using ClipAudit.Errors;

namespace ClipAudit.Datasets.Parquet;

/// <summary>
/// A dataset kept as Parquet shards with the images inside (the Hugging Face layout: <c>README.md</c> whose YAML header
/// declares the features, shards under <c>data/</c> or <c>{config}/</c>). Label columns become attributes, class-label
/// integers named through the card; image bytes are read from the shards when the images are encoded, never extracted.
/// Ids are <c>{split}/{row}</c> with the 1-based row across the split's shards (zero-padded, so id order is row order);
/// <see cref="Sample.ImagePath"/> is the locator <c>{shard}#row={row in shard}</c>.
/// </summary>
internal sealed class ParquetDatasetReader : IDatasetReader
{
    private readonly string _root;
    private readonly string? _config;
    private readonly string? _split;
    private readonly string? _imageColumn;

    private ParquetDatasetReader(string root, string? config, string? split, string? imageColumn)
    {
        _root = root;
        _config = config;
        _split = split;
        _imageColumn = imageColumn;
    }

    public string Kind => "parquet";

    /// <summary>A reader for the dataset folder <paramref name="root"/>; null config/split mean the card's only one, null image column the card's image feature.</summary>
    public static ParquetDatasetReader Create(string root, string? config = null, string? split = null, string? imageColumn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        return new ParquetDatasetReader(Path.GetFullPath(root), config, split, imageColumn);
    }

    public DatasetManifest Read(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Split is not null || options.Padding is not null)
        {
            throw new InvalidConfigException(
                $"Parquet dataset '{_root}': {(options.Split is not null ? "a FairFace split" : "a padding")} does not apply; name the split with the reader's split (config 'split: validation').", _root);
        }

        var source = Open(_root, _config);
        var split = _split ?? (source.Config?.Splits is [var only] ? only : throw new InvalidConfigException(
            $"Parquet dataset '{_root}': say which split to read ('split:'); the card lists {(source.Config?.Splits.Count > 0 ? string.Join(", ", source.Config.Splits) : "none")}.", _root));
        var name = $"parquet {Path.GetFileName(_root.TrimEnd('/'))}{(source.Config is { Name: not "default" } c ? " " + c.Name : "")} {split}";
        return ReadSplit(source, split, _imageColumn, name, requiredColumns: [], options);
    }

    /// <summary>The dataset folder with its card and the selected config (null when there is no card).</summary>
    internal sealed record ParquetSource(string Root, HubDatasetCard? Card, HubConfig? Config);

    internal static ParquetSource Open(string root, string? config)
    {
        if (!Directory.Exists(root))
        {
            throw new InvalidConfigException($"Parquet dataset root '{root}' does not exist. Point 'root:' at the folder holding README.md and the shards.", root);
        }

        var card = HubDatasetCard.Find(root);
        return new ParquetSource(root, card, card?.Select(config) ?? (config is null ? null : new HubConfig(config, [], [], new Dictionary<string, IReadOnlyList<string>>())));
    }

    /// <summary>Reads the label columns of every shard of <paramref name="split"/> into candidates and builds the manifest (filters, sampling, hash as for files).</summary>
    /// <param name="derive">Adds attributes to a row's (a preset's mapping) before filters apply; returns a problem to skip the row as <c>bad-row</c>, or null.</param>
    internal static DatasetManifest ReadSplit(
        ParquetSource source, string split, string? imageColumn, string name, IReadOnlyList<string> requiredColumns, DatasetOptions options,
        Func<Dictionary<string, string>, string?>? derive = null, Func<string, string?>? idFromImagePath = null)
    {
        var shards = ParquetShards.Find(source.Root, source.Config, split);
        var schema = ParquetLabelColumns.SchemaAsync(shards[0]).GetAwaiter().GetResult();
        var features = source.Config?.Features.ToDictionary(f => f.Name, StringComparer.Ordinal) ?? [];
        var image = imageColumn ?? source.Config?.Features.FirstOrDefault(f => f.Kind == HubFeatureKind.Image)?.Name ?? ParquetImageColumn.Guess(schema)
            ?? throw new InvalidConfigException($"Parquet shard '{shards[0]}' has no image column (a struct with a binary 'bytes' field). Set 'image_column:'.", shards[0]);
        if (ParquetImageColumn.BytesField(schema, image) is null)
        {
            throw new InvalidConfigException(
                $"Parquet shard '{shards[0]}': column '{image}' is not an image (a struct with a binary 'bytes' field, or a binary column); columns: {string.Join(", ", schema.Fields.Select(f => f.Name))}.", shards[0]);
        }

        var candidates = new List<SampleCandidate>();
        var skipped = new List<SkippedSample>();
        var locations = new Dictionary<string, ParquetRowLocation>(StringComparer.Ordinal);
        var rows = new List<(string Shard, ParquetLabelColumns.RowGroupLabels Group)>();
        var imagePaths = new List<string?>();
        foreach (var shard in shards)
        {

            var (columns, groups) = ParquetLabelColumns.ReadAsync(shard, image).GetAwaiter().GetResult();
            var missing = requiredColumns.Where(c => !columns.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidConfigException(
                    $"Parquet shard '{shard}' has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; columns: {string.Join(", ", columns)}. Is this the right dataset?", shard);
            }

            rows.AddRange(groups.Select(g => (shard, g)));
            if (idFromImagePath is not null)
            {
                var paths = ParquetImagePaths.ReadAsync(shard, image).GetAwaiter().GetResult();
                imagePaths.AddRange(paths is null ? Enumerable.Repeat<string?>(null, groups.Sum(g => g.RowCount)) : paths.SelectMany(g => g));
            }
        }

        var total = rows.Sum(r => (long)r.Group.RowCount);
        var width = Math.Max(6, total.ToString(CultureInfo.InvariantCulture).Length);
        var fileIds = FileIds(imagePaths, idFromImagePath);
        long globalRow = 0;
        var rowInShard = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (shard, group) in rows)
        {
            var relative = Path.GetRelativePath(source.Root, shard).Replace('\\', '/');
            for (var i = 0; i < group.RowCount; i++)
            {
                globalRow++;
                var inShard = rowInShard[shard] = rowInShard.GetValueOrDefault(shard) + 1;
                var id = fileIds?[checked((int)globalRow - 1)] ?? $"{split}/{globalRow.ToString("D" + width, CultureInfo.InvariantCulture)}";
                var locator = $"{relative}#row={inShard.ToString(CultureInfo.InvariantCulture)}";
                var row = checked((int)globalRow);
                var (attributes, problem) = Attributes(group, i, features);
                problem ??= derive?.Invoke(attributes);
                if (problem is not null)
                {
                    skipped.Add(new SkippedSample(id, locator, row, SkipReasons.BadRow, $"'{shard}' row {inShard}: {problem}"));
                    continue;
                }

                locations[Path.GetFullPath(Path.Combine(source.Root, locator))] = new ParquetRowLocation(shard, group.RowGroup, i, inShard);
                candidates.Add(new SampleCandidate(id, locator, row, attributes));
            }
        }

        var manifest = ManifestBuilder.Build(name, shards[0], source.Root, candidates, skipped, options,
            c => new ResolvedPath(Path.GetFullPath(Path.Combine(source.Root, c.PathAsWritten)), null, null));
        return manifest with
        {
            Content = new ParquetImageContent(locations, image),
            IdScheme = fileIds is not null ? FileNameScheme(image)
                : idFromImagePath is not null ? $"{RowScheme} (not every row's '{image}.path' gave a distinct file name)"
                : RowScheme,
        };
    }

    /// <summary>What results.json records when ids are row numbers.</summary>
    internal const string RowScheme = "parquet row: {split}/{1-based row across the split's shards}";

    internal static string FileNameScheme(string image) => $"file name from the image struct's '{image}.path' (as the file layout's ids)";

    /// <summary>Ids from the image paths when every row gives one and no two are equal; otherwise null (row numbers for all: no mixed schemes).</summary>
    private static string?[]? FileIds(List<string?> paths, Func<string, string?>? idFromImagePath)
    {
        if (idFromImagePath is null || paths.Count == 0)
        {
            return null;
        }

        var ids = paths.Select(p => string.IsNullOrEmpty(p) ? null : idFromImagePath(p)).ToArray();
        return ids.All(i => i is not null) && ids.Distinct(StringComparer.Ordinal).Count() == ids.Length ? ids : null;
    }

    private static (Dictionary<string, string> Attributes, string? Problem) Attributes(
        ParquetLabelColumns.RowGroupLabels group, int index, IReadOnlyDictionary<string, HubFeature> features)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, values) in group.Columns)
        {
            var value = values[index];
            if (features.TryGetValue(column, out var feature) && feature.Kind == HubFeatureKind.ClassLabel)
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0 || label >= feature.ClassNames.Count)
                {
                    return (attributes, $"class label '{column}' = {value ?? "null"}, but the card names {feature.ClassNames.Count} classes (0-{feature.ClassNames.Count - 1}); -1 is the Hub's 'no label'");
                }

                value = feature.ClassNames[label];
            }

            attributes[column] = value ?? "";
        }

        return (attributes, null);
    }
}
