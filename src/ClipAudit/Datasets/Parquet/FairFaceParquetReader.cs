using ClipAudit.Errors;

namespace ClipAudit.Datasets.Parquet;

/// <summary>
/// FairFace as the Hugging Face copy <c>HuggingFaceM4/FairFace</c> ships it: configs <c>0.25</c> and <c>1.25</c> (the two
/// paddings), splits <c>train</c> and <c>validation</c>, shards <c>{config}/{split}-*.parquet</c> with the face crop in
/// an <c>image</c> struct and <c>age</c>, <c>gender</c>, <c>race</c> as class labels named in <c>README.md</c>, and
/// <c>service_test</c> a bool. The attributes come out as in the CSV layout (<c>age</c>, <c>gender</c>, <c>race</c>,
/// <c>service_test</c> = <c>True</c>/<c>False</c>), so filters, groupings and reference groups carry over unchanged.
/// </summary>
internal sealed class FairFaceParquetReader : IDatasetReader
{
    /// <summary>The columns the Hub copy has besides the image.</summary>
    internal static readonly IReadOnlyList<string> LabelColumns = ["age", "gender", "race", "service_test"];

    private readonly string _root;

    private FairFaceParquetReader(string root) => _root = root;

    public string Kind => "fairface";

    public static FairFaceParquetReader Create(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        return new FairFaceParquetReader(Path.GetFullPath(root));
    }

    public DatasetManifest Read(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var split = options.Split ?? DatasetSplit.Val;
        var padding = options.Padding ?? 0.25;
        if (padding is not (0.25 or 1.25))
        {
            throw new InvalidConfigException($"FairFace padding {padding} has no Hugging Face config; the copy has '0.25' and '1.25'.", _root);
        }

        var source = ParquetDatasetReader.Open(_root, FairFaceLayout.PaddingName(padding));
        if (source.Card is null)
        {
            throw new InvalidConfigException(
                $"FairFace Parquet copy '{_root}' has no README.md (nor dataset_infos.json). Its class-label names turn the shards' integers into " +
                "age, gender and race: download README.md with the shards (HuggingFaceM4/FairFace).", _root);
        }

        var config = source.Config!;
        foreach (var attribute in LabelColumns.Take(3))
        {
            if (config.Features.FirstOrDefault(f => f.Name == attribute) is not { Kind: HubFeatureKind.ClassLabel, ClassNames.Count: > 0 })
            {
                throw new InvalidConfigException(
                    $"Dataset card '{source.Card.Source}', config '{config.Name}': '{attribute}' is not declared as a class label with names. Is this the HuggingFaceM4/FairFace card?", source.Card.Source);
            }
        }

        // The Hub copy calls the validation split 'validation'; the CSV layout and this tool call it 'val'.
        var hubSplit = split == DatasetSplit.Train ? "train"
            : config.Splits.Contains("val") && !config.Splits.Contains("validation") ? "val" : "validation";
        var name = $"fairface {FairFaceLayout.SplitName(split)} padding {FairFaceLayout.PaddingName(padding)} parquet";
        var fileSplit = FairFaceLayout.SplitName(split);
        return ParquetDatasetReader.ReadSplit(source, hubSplit, "image", name, LabelColumns, options, idFromImagePath: p => FileId(p, fileSplit));
    }

    /// <summary>
    /// The CSV layout's id (its <c>file</c> value, e.g. <c>val/1.jpg</c>) from the path the image struct keeps: the last two
    /// segments when they are <c>train|val/&lt;name&gt;</c> of this split, or <c>{split}/{name}</c> for a bare file name; null
    /// otherwise (then every sample keeps its row id, so a CSV run and a Parquet run do not pair by accident).
    /// </summary>
    internal static string? FileId(string path, string split)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts[^1].EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.Length == 1 ? $"{split}/{parts[0]}"
            : parts[^2] == split ? $"{split}/{parts[^1]}"
            : null;
    }
}
