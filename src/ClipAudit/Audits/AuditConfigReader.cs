using ClipAudit.Datasets;
using System.Globalization;
using ClipAudit.Imaging;
using ClipAudit.Taxonomies;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Audits;

/// <summary>Walks an audit config's YAML: top level, model and dataset here; tasks and grouping in their own readers.</summary>
internal static class AuditConfigReader
{
    private static readonly string[] RootKeys =
        ["name", "description", "model", "dataset", "tasks", "group_by", "statistics", "seed", "output", "batch_size", "threads", "limits", "retrieval", "counterfactual", "association", "subgroups", Targets.TargetReader.Key, "report"];

    private static readonly string[] LimitKeys = ["max_pixels", "max_file_mb", "decode_timeout_s"];

    private static readonly string[] ModelKeys = ["path", "variant", "preprocessing", "scoring"];

    internal static readonly string[] DatasetKeys =
        ["kind", "root", "split", "padding", "manifest", "image_column", "filters", "service_test_only", "sample_size", "sample_seed", "format", "config", "columns"];


    private static readonly Dictionary<string, DatasetKind> Kinds = new()
    {
        ["fairface"] = DatasetKind.FairFace, ["utkface"] = DatasetKind.UtkFace, ["csv"] = DatasetKind.Csv, ["parquet"] = DatasetKind.Parquet, ["pairs"] = DatasetKind.Pairs,
        ["social_counterfactuals"] = DatasetKind.SocialCounterfactuals,
    };

    private static readonly Dictionary<string, DatasetSplit> Splits = new() { ["train"] = DatasetSplit.Train, ["val"] = DatasetSplit.Val };

    public static AuditConfig Read(ConfigFile file)
    {
        var root = YamlMap.From(file, file.Root, "the audit config", RootKeys);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file.Path))!;
        var name = root.OptionalString("name") ?? DefaultName(file.Path);
        var seed = root.OptionalSeed("seed") ?? AuditConfig.DefaultSeed;

        var model = ReadModel(YamlMap.From(file, root.Required("model", "'model:' with 'path: ../models/clip-vit-b32'"), "model", ModelKeys), folder);
        var dataset = ReadDataset(YamlMap.From(file, root.Required("dataset", "'dataset:' with 'kind: fairface'"), "dataset", DatasetKeys), folder, seed);
        var (taskLines, groupByLines, referenceLines, retrievalLines) =
            (new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, (int, int)>(), new Dictionary<string, int>());
        var tasks = AuditTaskReader.ReadTasks(root, folder, dataset, seed, taskLines);
        var groupBy = GroupingReader.ReadGroupBy(root, dataset.Kind, groupByLines);
        var statistics = GroupingReader.ReadStatistics(root, dataset.Kind, referenceLines);
        var output = root.OptionalString("output") ?? $"{name}-results";

        return new AuditConfig(
            file.Path,
            file.Sha256,
            name,
            root.OptionalString("description"),
            model,
            dataset,
            tasks,
            groupBy,
            statistics,
            seed,
            Path.GetFullPath(Path.Combine(folder, output)),
            root.OptionalInt("batch_size", 1, 4096) ?? AuditConfig.DefaultBatchSize,
            root.OptionalInt("threads", 0, 1024) ?? AuditConfig.DefaultThreads)
        {
            Limits = ReadLimits(root.OptionalMap("limits", "'limits'", LimitKeys)),
            Retrieval = Analyses.AnalysisConfigReader.ReadRetrieval(root, dataset.Kind, retrievalLines),
            Targets = Targets.TargetReader.Read(root, tasks, groupBy),
            Lines = new ConfigLines(groupByLines, taskLines, referenceLines, retrievalLines),
            Counterfactual = CounterfactualConfig.Read(root),
            Associations = AssociationConfig.Read(root),
            Subgroups = SubgroupConfig.Read(root),
            Gallery = GallerySettings.Read(root),
        };
    }

    /// <summary>Absent keys keep <see cref="ImageLimits"/>'s defaults; <c>decode_timeout_s: 0</c> means no timeout.</summary>
    private static ImageLimits ReadLimits(YamlMap? map)
    {
        var limits = ImageLimits.Default;
        if (map is null)
        {
            return limits;
        }

        if (map.OptionalDouble("max_pixels", 1, 1e12) is { } pixels)
        {
            limits = limits with { MaxPixels = (long)pixels };
        }

        if (map.OptionalDouble("max_file_mb", 0.001, 1024 * 1024) is { } megabytes)
        {
            limits = limits with { MaxFileBytes = (long)Math.Ceiling(megabytes * 1024 * 1024) };
        }

        if (map.OptionalDouble("decode_timeout_s", 0, 86400) is { } seconds)
        {
            limits = limits with { DecodeTimeout = seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds) };
        }

        return limits;
    }

    /// <summary>"fairface-zeroshot.audit.yaml" is named "fairface-zeroshot".</summary>
    private static string DefaultName(string path)
    {
        var fileName = Path.GetFileName(path);
        var dot = fileName.IndexOf('.', 1);
        return dot > 0 ? fileName[..dot] : fileName;
    }

    private static ModelSettings ReadModel(YamlMap map, string folder) => new(
        Path.GetFullPath(Path.Combine(folder, map.RequiredString("path", "'path: ../models/clip-vit-b32'"))),
        map.OptionalString("variant"),
        // Absent means "the model's own setting" (its manifest, else openai), decided once in ModelPreprocess.
        map.OptionalChoice("preprocessing", PreprocessModeNames.ByName),
        // Absent means the model's own (its family's, or its manifest's scoring).
        map.OptionalChoice("scoring", Models.ModelFamilyNames.ScoringByName));

    /// <summary>
    /// Reads a dataset section. With <paramref name="inherit"/> (a linear probe's <c>train:</c>), absent keys take the
    /// audit dataset's values when the kind is the same, except <c>split</c> (default <c>train</c>), <c>manifest</c>
    /// (required for csv), <c>sample_size</c> (default all) and <c>sample_seed</c> (default the audit seed).
    /// </summary>
    internal static DatasetSettings ReadDataset(YamlMap map, string folder, Randomness.Seed seed, DatasetSettings? inherit = null)
    {
        var kind = map.OptionalChoice("kind", Kinds) ?? inherit?.Kind ?? throw ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf("kind"),
            "dataset has no 'kind'. Add 'kind: fairface', 'kind: utkface', 'kind: csv' or 'kind: parquet'.");
        if (inherit is not null && inherit.Kind != kind)
        {
            inherit = null;
        }

        OnlyFor(map, kind, DatasetKind.FairFace, "padding", "service_test_only", "format");
        OnlyFor(map, kind, DatasetKind.Csv, "manifest");
        OnlyFor(map, kind, DatasetKind.SocialCounterfactuals, "columns");
        if (kind is not (DatasetKind.Parquet or DatasetKind.SocialCounterfactuals))
        {
            OnlyFor(map, kind, DatasetKind.Parquet, "config");
        }

        if (kind is not (DatasetKind.FairFace or DatasetKind.Parquet or DatasetKind.SocialCounterfactuals))
        {
            OnlyFor(map, kind, DatasetKind.FairFace, "split");
        }

        if (kind is not (DatasetKind.Csv or DatasetKind.Parquet or DatasetKind.SocialCounterfactuals))
        {
            OnlyFor(map, kind, DatasetKind.Csv, "image_column");
        }

        double? padding = null;
        if (kind == DatasetKind.FairFace)
        {
            padding = map.OptionalDouble("padding", 0, 10) ?? inherit?.PaddingRatio ?? AuditConfig.DefaultFairFacePadding;
            if (padding is not (0.25 or 1.25))
            {
                throw ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf("padding"), AuditConfigMessages.Padding(padding));
            }
        }

        var manifest = kind == DatasetKind.Csv ? map.RequiredString("manifest", "'manifest: labels.csv'") : null;
        var root = inherit is not null && !map.Has("root") ? inherit.Root : Path.GetFullPath(Path.Combine(folder, map.RequiredString("root", "'root: ../../data/fairface'")));
        var defaultSplit = inherit is null ? AuditConfig.DefaultFairFaceSplit : DatasetSplit.Train;
        return new DatasetSettings(
            kind,
            root,
            kind == DatasetKind.FairFace ? map.OptionalChoice("split", Splits) ?? defaultSplit : null,
            padding,
            manifest is null ? null : Path.GetFullPath(Path.Combine(folder, manifest)),
            // No image_column: null, and the CSV reader takes the first of image, path, file, the same rule as 'datasets check csv'.
            kind is DatasetKind.Csv or DatasetKind.Parquet or DatasetKind.SocialCounterfactuals ? map.OptionalString("image_column") ?? inherit?.ImageColumn : null,
            inherit is not null && !map.Has("filters") ? inherit.Filters : ReadFilters(map, kind),
            map.OptionalBool("service_test_only") ?? inherit?.ServiceTestOnly ?? false,
            map.OptionalInt("sample_size", 1, int.MaxValue),
            map.OptionalSeed("sample_seed") ?? seed)
        {
            ManifestKey = manifest is null ? null : new ConfigKeyLocation(map.File.Kind, map.File.Path, map.LineOf("manifest"), manifest),
            Parquet = ParquetDatasetSettings.Read(map, kind, inherit),
        };
    }

    private static List<AttributeFilter> ReadFilters(YamlMap dataset, DatasetKind kind)
    {
        if (dataset.OptionalMap("filters", "dataset 'filters'", null) is not { } filters)
        {
            return [];
        }

        var result = new List<AttributeFilter>();
        foreach (var (attribute, line, node) in filters.Entries())
        {
            CheckAttribute(filters, attribute, line, kind);
            var values = node is YamlSequenceNode list
                ? list.Children.Select(v => (filters.Text(v, attribute), ConfigFile.LineOf(v))).ToList()
                : [(filters.Text(node, attribute), ConfigFile.LineOf(node))];
            foreach (var (value, valueLine) in values)
            {
                CheckValue(filters, attribute, value, valueLine, kind);
            }

            result.Add(new AttributeFilter(attribute, values.Select(v => v.Item1).ToList()));
        }

        return result;
    }

    internal static void CheckAttribute(YamlMap map, string attribute, int line, DatasetKind kind)
    {
        if (FairFaceValues.KnownAttributesOf(kind) is { } known && !known.Contains(attribute))
        {
            throw ConfigErrors.At(map.File.Kind, map.File.Path, line, AuditConfigMessages.NotAnAttribute(attribute, map.What, kind, known));
        }
    }

    internal static void CheckValue(YamlMap map, string attribute, string value, int line, DatasetKind kind)
    {
        if (kind == DatasetKind.FairFace && FairFaceValues.ByAttribute.TryGetValue(attribute, out var values) && !values.Contains(value))
        {
            throw ConfigErrors.At(map.File.Kind, map.File.Path, line, AuditConfigMessages.NotAFairFaceValue(value, map.What, attribute, values));
        }
    }

    /// <summary>The kind as a config writes it (<c>social_counterfactuals</c>), also what results.json records.</summary>
    internal static string KindName(DatasetKind kind) => Kinds.First(k => k.Value == kind).Key;

    private static void OnlyFor(YamlMap map, DatasetKind kind, DatasetKind allowed, params string[] keys)
    {
        foreach (var key in keys.Where(k => map.Has(k) && kind != allowed))
        {
            throw ConfigErrors.At(map.File.Kind, map.File.Path, map.LineOf(key),
                $"'{key}' applies to 'kind: {KindName(allowed)}' datasets only, but this dataset is '{KindName(kind)}'. Remove it.");
        }
    }
}
