using ClipAudit.Errors;

namespace ClipAudit.Datasets.Parquet;

/// <summary>Which columns hold the set id and the two varied attributes (type column names the attribute, value column gives its value).</summary>
internal sealed record SocialCounterfactualsLayout(string Set, string FirstType, string FirstValue, string SecondType, string SecondValue)
{
    public IReadOnlyList<string> Columns => [Set, FirstType, FirstValue, SecondType, SecondValue];
}

/// <summary>
/// Intel's SocialCounterfactuals (Howard et al., CVPR 2024) as its Hugging Face copy ships it: shards
/// <c>data/train-*.parquet</c> with the image embedded, and per row the set id (<c>counterfactual_set</c>) and the two
/// attributes varied within the set as type/value pairs (<c>a1_type</c>/<c>a1</c>, <c>a2_type</c>/<c>a2</c>), plus
/// <c>caption</c> and <c>a1a2</c>. Each row keeps its columns as attributes and gains one attribute per pair, named by
/// the type column's value (e.g. <c>race = White</c>, <c>gender = male</c>), and <c>attribute_pair</c> =
/// <c>{first type}-{second type}</c> so a config can keep one kind of set (<c>filters: { attribute_pair: [race-gender] }</c>)
/// and vary exactly those two (<c>counterfactual: { set: counterfactual_set, vary: [race, gender] }</c>).
/// </summary>
/// <remarks>
/// The column names come from public code that reads the dataset (the card's README holds only a licence, no feature
/// list); the values of the type columns are used as they are stored, not assumed. Every name is overridable with the
/// dataset's <c>columns:</c> mapping. Ids and locators are those of <see cref="ParquetDatasetReader"/>.
/// </remarks>
internal sealed class SocialCounterfactualsReader : IDatasetReader
{
    public const string PairAttribute = "attribute_pair";

    private readonly string _root;
    private readonly string? _config;
    private readonly string _split;
    private readonly string? _imageColumn;
    private readonly SocialCounterfactualsLayout _layout;

    private SocialCounterfactualsReader(string root, string? config, string split, string? imageColumn, SocialCounterfactualsLayout layout)
    {
        _root = root;
        _config = config;
        _split = split;
        _imageColumn = imageColumn;
        _layout = layout;
    }

    public string Kind => "social_counterfactuals";

    public static SocialCounterfactualsReader Create(string root, string? config, string? split, string? imageColumn, SocialCounterfactualsLayout layout)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(layout);
        return new SocialCounterfactualsReader(Path.GetFullPath(root), config, split ?? "train", imageColumn, layout);
    }

    public DatasetManifest Read(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Split is not null || options.Padding is not null)
        {
            throw new InvalidConfigException($"SocialCounterfactuals dataset '{_root}': a FairFace split or padding does not apply; name the split with 'split: train'.", _root);
        }

        var source = ParquetDatasetReader.Open(_root, _config);
        var name = $"social counterfactuals {_split}";
        return ParquetDatasetReader.ReadSplit(source, _split, _imageColumn ?? "image", name, _layout.Columns, options, Derive);
    }

    /// <summary>Adds the two varied attributes and the pair; a row whose types are empty, equal, or clash with a column is a bad row.</summary>
    internal string? Derive(Dictionary<string, string> attributes)
    {
        var l = _layout;
        var first = attributes.GetValueOrDefault(l.FirstType) ?? "";
        var second = attributes.GetValueOrDefault(l.SecondType) ?? "";
        if (first.Length == 0 || second.Length == 0)
        {
            return $"'{l.FirstType}' or '{l.SecondType}' is empty: the attributes varied in set '{attributes.GetValueOrDefault(l.Set)}' are not named";
        }

        if (first == second)
        {
            return $"'{l.FirstType}' and '{l.SecondType}' are both '{first}'";
        }

        if (attributes.GetValueOrDefault(l.Set) is not { Length: > 0 })
        {
            return $"'{l.Set}' (the set id) is empty";
        }

        foreach (var type in new[] { first, second, PairAttribute })
        {
            if (attributes.ContainsKey(type))
            {
                return $"attribute type '{type}' is also a column of the shard; rename it with the dataset's 'columns:' mapping or drop the row with a filter";
            }
        }

        attributes[first] = attributes.GetValueOrDefault(l.FirstValue) ?? "";
        attributes[second] = attributes.GetValueOrDefault(l.SecondValue) ?? "";
        attributes[PairAttribute] = $"{first}-{second}";
        return null;
    }
}
