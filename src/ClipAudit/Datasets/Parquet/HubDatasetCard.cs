using System.Text.Json;
using ClipAudit.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClipAudit.Datasets.Parquet;

/// <summary>How a column is declared in a Hugging Face dataset card: an image, a class label with its names, or a plain value.</summary>
internal sealed record HubFeature(string Name, HubFeatureKind Kind, IReadOnlyList<string> ClassNames);

internal enum HubFeatureKind
{
    Image,
    ClassLabel,
    Value,
    Other,
}

/// <summary>One config of a dataset card: its features, and per split the data-file patterns (empty when the card gives none).</summary>
internal sealed record HubConfig(string Name, IReadOnlyList<HubFeature> Features, IReadOnlyList<string> Splits, IReadOnlyDictionary<string, IReadOnlyList<string>> DataFiles);

/// <summary>
/// What a local copy of a Hugging Face dataset says about itself: the YAML header of <c>README.md</c>
/// (<c>dataset_info</c> features and splits, <c>configs</c> data files), or the older <c>dataset_infos.json</c>.
/// Class-label integers in the Parquet shards are only names through this card.
/// </summary>
internal sealed record HubDatasetCard(string Source, IReadOnlyList<HubConfig> Configs)
{
    /// <summary>Reads <c>README.md</c> (its YAML header) or else <c>dataset_infos.json</c> in <paramref name="root"/>; null when neither exists.</summary>
    public static HubDatasetCard? Find(string root)
    {
        var readme = Path.Combine(root, "README.md");
        if (File.Exists(readme) && ReadReadme(readme) is { } card)
        {
            return card;
        }

        var infos = Path.Combine(root, "dataset_infos.json");
        return File.Exists(infos) ? ReadInfos(infos) : null;
    }

    /// <summary>The named config, or the only one when <paramref name="name"/> is null; throws naming the configs present.</summary>
    public HubConfig Select(string? name)
    {
        if (name is null && Configs.Count == 1)
        {
            return Configs[0];
        }

        var found = Configs.FirstOrDefault(c => string.Equals(c.Name, name ?? "default", StringComparison.Ordinal));
        return found ?? throw new InvalidConfigException(
            $"Dataset card '{Source}' has no config '{name ?? "default"}'; configs present: {string.Join(", ", Configs.Select(c => $"'{c.Name}'"))}. " +
            "Set 'config:' to one of them.", Source);
    }

    internal static HubDatasetCard? ReadReadme(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return null;
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new InvalidConfigException($"Dataset card '{path}' opens a YAML header with '---' on line 1 but never closes it. Add the closing '---'.", path, 1);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(string.Join('\n', lines[1..end])));
        }
        catch (YamlException ex)
        {
            throw new InvalidConfigException($"Dataset card '{path}' line {ex.Start.Line + 1}: its YAML header cannot be read: {ex.Message}", path, (int)ex.Start.Line + 1, ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode header || Child(header, "dataset_info") is not { } info)
        {
            return null;
        }

        try
        {
            return Read(path, header, info);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidConfigException($"Dataset card '{path}': {ex.Message}. Fix the card's YAML header.", path, inner: ex);
        }
    }

    private static HubDatasetCard Read(string path, YamlMappingNode header, YamlNode info)
    {
        var infos = info is YamlSequenceNode many ? many.Children.OfType<YamlMappingNode>().ToList() : info is YamlMappingNode one ? [one] : [];
        var dataFiles = ReadConfigs(Child(header, "configs"));
        var configs = infos.Select(node =>
        {
            var name = Scalar(Child(node, "config_name")) ?? "default";
            var features = (Child(node, "features") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().Select(ReadFeature).ToList() ?? [];
            var splits = (Child(node, "splits") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
                .Select(s => Scalar(Child(s, "name"))).OfType<string>().ToList() ?? [];
            return new HubConfig(name, features, splits, dataFiles.GetValueOrDefault(name) ?? new Dictionary<string, IReadOnlyList<string>>());
        }).ToList();
        return new HubDatasetCard(path, configs);
    }

    private static HubFeature ReadFeature(YamlMappingNode node)
    {
        var name = Scalar(Child(node, "name")) ?? "";
        var dtype = Child(node, "dtype");
        if (Scalar(dtype) is { } type)
        {
            return new HubFeature(name, type == "image" ? HubFeatureKind.Image : HubFeatureKind.Value, []);
        }

        if (dtype is YamlMappingNode map && Child(map, "class_label") is YamlMappingNode label)
        {
            return new HubFeature(name, HubFeatureKind.ClassLabel, ClassNames(Child(label, "names")));
        }

        return new HubFeature(name, HubFeatureKind.Other, []);
    }

    /// <summary>Names are written either as a mapping from the integer to the name (<c>'0': Male</c>) or as a list.</summary>
    private static List<string> ClassNames(YamlNode? names) => names switch
    {
        YamlSequenceNode list => list.Children.Select(n => Scalar(n) ?? "").ToList(),
        YamlMappingNode map => map.Children
            .Select(p => (Index: int.TryParse(Scalar(p.Key), out var i) ? i : -1, Name: Scalar(p.Value) ?? ""))
            .OrderBy(p => p.Index).Select((p, position) => p.Index == position ? p.Name
                : throw new InvalidDataException($"class label names are numbered with a gap or a repeat at '{p.Index}'")).ToList(),
        _ => [],
    };

    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadConfigs(YamlNode? configs)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var config in (configs as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
        {
            var name = Scalar(Child(config, "config_name")) ?? "default";
            var bySplit = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            switch (Child(config, "data_files"))
            {
                case YamlSequenceNode entries:
                    foreach (var entry in entries.Children)
                    {
                        if (entry is YamlMappingNode e && Scalar(Child(e, "split")) is { } split)
                        {
                            bySplit[split] = Patterns(Child(e, "path"));
                        }
                        else if (Scalar(entry) is { } pattern)
                        {
                            bySplit["train"] = [.. bySplit.GetValueOrDefault("train") ?? [], pattern];
                        }
                    }

                    break;
                case YamlScalarNode single when single.Value is { } pattern:
                    bySplit["train"] = [pattern];
                    break;
            }

            result[name] = bySplit;
        }

        return result;
    }

    private static List<string> Patterns(YamlNode? node) => node switch
    {
        YamlScalarNode s when s.Value is { } v => [v],
        YamlSequenceNode list => list.Children.Select(Scalar).OfType<string>().ToList(),
        _ => [],
    };

    /// <summary>The older card: <c>{ config: { features: { name: { _type: ClassLabel, names: [...] } }, splits: { name: {...} } } }</c>.</summary>
    internal static HubDatasetCard ReadInfos(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var configs = new List<HubConfig>();
            foreach (var config in document.RootElement.EnumerateObject())
            {
                var features = new List<HubFeature>();
                if (config.Value.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Object)
                {
                    foreach (var feature in f.EnumerateObject())
                    {
                        var type = feature.Value.TryGetProperty("_type", out var t) ? t.GetString() : null;
                        features.Add(type switch
                        {
                            "Image" => new HubFeature(feature.Name, HubFeatureKind.Image, []),
                            "ClassLabel" => new HubFeature(feature.Name, HubFeatureKind.ClassLabel,
                                feature.Value.GetProperty("names").EnumerateArray().Select(n => n.GetString() ?? "").ToList()),
                            "Value" => new HubFeature(feature.Name, HubFeatureKind.Value, []),
                            _ => new HubFeature(feature.Name, HubFeatureKind.Other, []),
                        });
                    }
                }

                var splits = config.Value.TryGetProperty("splits", out var s) && s.ValueKind == JsonValueKind.Object
                    ? s.EnumerateObject().Select(p => p.Name).ToList()
                    : [];
                configs.Add(new HubConfig(config.Name, features, splits, new Dictionary<string, IReadOnlyList<string>>()));
            }

            return new HubDatasetCard(path, configs);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidConfigException($"Dataset card '{path}' cannot be read: {ex.Message}. Re-download it with the dataset.", path, inner: ex);
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node) => node is YamlScalarNode { Value: { } v } ? v : null;
}
