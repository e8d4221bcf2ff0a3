using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>
/// PAIRS (Fraser and Kiritchenko, EACL 2024) as its repository lays it out: <c>data/&lt;subset&gt;/&lt;scene&gt;/&lt;race&gt;_&lt;gender&gt;.png</c>
/// (subsets <c>occupations</c>, <c>status</c>, <c>potential_crime</c>; variants <c>black_man</c>, <c>black_woman</c>,
/// <c>white_man</c>, <c>white_woman</c>). Attributes: <c>subset</c>, <c>scene</c> (<c>subset/scene</c>, the counterfactual
/// set id), <c>race</c>, <c>gender</c>, <c>variant</c>; ids are paths relative to the root. A file whose name is not
/// <c>race_gender</c>, or that is not two folders deep, is skipped as <c>bad-name</c>.
/// </summary>
internal sealed class PairsReader : IDatasetReader
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".webp"];

    private readonly string _root;

    private PairsReader(string root) => _root = root;

    public string Kind => "pairs";

    /// <summary>A reader for PAIRS' <c>data</c> folder (or the repository folder holding it).</summary>
    public static PairsReader Create(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var full = Path.GetFullPath(root);
        return new PairsReader(Directory.Exists(Path.Combine(full, "data")) ? Path.Combine(full, "data") : full);
    }

    public DatasetManifest Read(DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Split is not null || options.Padding is not null)
        {
            throw new InvalidConfigException($"PAIRS ('{_root}') has no splits or padding variants; remove 'split' / 'padding'.", _root);
        }

        var root = DatasetRoot.Open(_root, "PAIRS");
        var candidates = new List<SampleCandidate>();
        var skipped = new List<SkippedSample>();
        var files = root.RelativeFiles(ImageExtensions);
        foreach (var relative in files)
        {
            var parts = relative.Split('/');
            var variant = Path.GetFileNameWithoutExtension(relative);
            var split = variant.LastIndexOf('_');
            if (parts.Length != 3 || split <= 0 || split == variant.Length - 1)
            {
                skipped.Add(new SkippedSample(relative, relative, 0, SkipReasons.BadName,
                    $"'{relative}': expected <subset>/<scene>/<race>_<gender>.png (e.g. occupations/airplane/black_man.png)"));
                continue;
            }

            candidates.Add(new SampleCandidate(relative, relative, 0, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["subset"] = parts[0],
                ["scene"] = $"{parts[0]}/{parts[1]}",
                ["race"] = variant[..split],
                ["gender"] = variant[(split + 1)..],
                ["variant"] = variant,
            }));
        }

        if (candidates.Count == 0 && skipped.Count == 0)
        {
            throw new InvalidConfigException(
                $"PAIRS folder '{root.FullPath}' holds no images. Point 'root:' at PAIRS' data folder (data/occupations/airplane/black_man.png, ...).", root.FullPath);
        }

        return ManifestBuilder.Build("pairs", root.FullPath, root, candidates, skipped, options);
    }
}
