using ClipAudit.Models.Hub;

namespace ClipAudit.Tools.Hub;

/// <summary>A file found in a cached model folder; <see cref="Partial"/> marks an unfinished download.</summary>
internal sealed record CachedFile(string Path, long Size, bool Partial);

/// <summary>One cached model folder and whether it holds every file its variant needs, with the right sizes.</summary>
internal sealed record CachedModel(
    string Folder, string Repo, string Revision, string Variant, bool HasProvenance,
    IReadOnlyList<CachedFile> Files, IReadOnlyList<string> Missing, IReadOnlyList<string> WrongSize)
{
    public bool Complete => Missing.Count == 0 && WrongSize.Count == 0;
}

/// <summary>
/// Lists the model folders under a cache root (<c>{owner}/{name}/{revision}[_{variant}]</c>). Works offline. Folders
/// filled by hand, without <c>clipaudit-source.json</c>, are checked against the file list of their variant.
/// </summary>
internal static class HubCache
{
    public static IReadOnlyList<CachedModel> List(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var models = new List<CachedModel>();
        foreach (var owner in SortedDirectories(root))
        {
            foreach (var name in SortedDirectories(owner))
            {
                models.AddRange(SortedDirectories(name).Where(MayHoldModel).Select(Describe));
            }
        }

        return models;
    }

    public static CachedModel Describe(string folder)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(folder))!;
        var owner = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(folder)))!;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(folder, f).Replace('\\', '/'), Info: new FileInfo(f)))
            .Where(f => f.Relative != HubProvenance.FileName)
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new CachedFile(f.Relative, f.Info.Length, f.Relative.EndsWith(".partial", StringComparison.Ordinal)))
            .ToList();
        var present = files.Where(f => !f.Partial).ToDictionary(f => f.Path, f => f.Size, StringComparer.Ordinal);

        var provenance = HubProvenance.TryRead(folder);
        if (provenance is not null)
        {
            return new CachedModel(folder, provenance.Repo, provenance.Revision, provenance.Variant, true, files,
                [.. provenance.Files.Where(f => !present.ContainsKey(f.Path)).Select(f => f.Path)],
                [.. provenance.Files.Where(f => present.TryGetValue(f.Path, out var size) && size != f.Size).Select(f => f.Path)]);
        }

        var (revision, variant) = ParseLeaf(Path.GetFileName(folder));
        var missing = HubFamilies.FilesFor($"{owner}/{name}", variant).Required.Where(p => !present.ContainsKey(p)).ToList();
        return new CachedModel(folder, $"{owner}/{name}", revision, variant, false, files, missing, []);
    }

    /// <summary>
    /// False for a folder that has files but none a model could consist of (no provenance, no .onnx, no tokenizer or
    /// preprocessing config): an embedding cache under the same root (<c>embeddings/images/{key}</c>, also three levels
    /// deep) or anything else that is not a model, which would otherwise be listed as an INCOMPLETE model. An empty
    /// folder is still listed: it is where a model was meant to go.
    /// </summary>
    private static bool MayHoldModel(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .ToList();
        return files.Count == 0 || files.Any(f =>
            f == HubProvenance.FileName
            || f.EndsWith(".onnx", StringComparison.Ordinal)
            || f.EndsWith(".onnx.partial", StringComparison.Ordinal)
            || HubFamilies.KnownConfigFiles.Contains(f.EndsWith(".partial", StringComparison.Ordinal) ? f[..^".partial".Length] : f));
    }

    // Inverse of HubCacheLayout.FolderFor: "main", "main_fp16", "refs--pr--1".
    private static (string Revision, string Variant) ParseLeaf(string leaf)
    {
        var underscore = leaf.LastIndexOf('_');
        if (underscore > 0 && HubVariants.Names.Contains(leaf[(underscore + 1)..]))
        {
            return (leaf[..underscore].Replace("--", "/", StringComparison.Ordinal), leaf[(underscore + 1)..]);
        }

        return (leaf.Replace("--", "/", StringComparison.Ordinal), HubVariants.Default);
    }

    private static IEnumerable<string> SortedDirectories(string folder) =>
        Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal);
}
