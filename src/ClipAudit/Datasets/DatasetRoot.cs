using ClipAudit.Errors;

namespace ClipAudit.Datasets;

/// <summary>Outcome of resolving one image path: the absolute path, or the skip reason and a sentence why.</summary>
internal readonly record struct ResolvedPath(string? FullPath, string? Reason, string? Detail)
{
    public bool IsOk => FullPath is not null;
}

/// <summary>
/// The folder image paths are resolved against, and the fence they must stay inside. A path is refused
/// (<c>outside-root</c>) when, after <c>..</c> segments, absolute paths and symbolic links (of the file and of every
/// folder between it and the root) are resolved, it does not lie under the root's own resolved path. The root itself
/// may be a symbolic link. Refused files are never opened.
/// </summary>
internal sealed class DatasetRoot
{
    private const int MaxLinkDepth = 40;
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    private readonly Dictionary<string, string> _realFolders = new(StringComparer.Ordinal);
    private readonly string _realRoot;

    private DatasetRoot(string fullPath)
    {
        FullPath = fullPath;
        _realRoot = RealPath(fullPath, 0);
    }

    /// <summary>The root as given, made absolute (symbolic links not resolved).</summary>
    public string FullPath { get; }

    /// <summary>
    /// Every file under the root (recursively, inaccessible folders passed over) whose extension is one of
    /// <paramref name="extensions"/> (any case), as '/'-separated paths relative to the root, in ordinal order: how the
    /// folder-layout readers (PAIRS, UTKFace) list their images.
    /// </summary>
    public IEnumerable<string> RelativeFiles(IReadOnlyCollection<string> extensions) =>
        Directory.EnumerateFiles(FullPath, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(FullPath, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>Opens a root folder; throws <see cref="InvalidConfigException"/> when it does not exist.</summary>
    public static DatasetRoot Open(string folder, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full))
        {
            throw new InvalidConfigException($"{what} folder '{full}' does not exist. Check the path.", full);
        }

        return new DatasetRoot(full);
    }

    /// <summary>
    /// Resolves a path as written in a label file. '\' is read as a folder separator so manifests written on
    /// Windows work here. Checks confinement, then that a regular file exists.
    /// </summary>
    public ResolvedPath Resolve(string pathAsWritten)
    {
        var written = pathAsWritten.Trim().Replace('\\', '/');
        if (written.Length == 0)
        {
            return new ResolvedPath(null, SkipReasons.BadRow, "the image path is empty");
        }

        string full;
        string real;
        try
        {
            full = Path.GetFullPath(Path.IsPathRooted(written) ? written : Path.Combine(FullPath, written));
            if (!IsUnder(FullPath, full))
            {
                return new ResolvedPath(null, SkipReasons.OutsideRoot, $"'{written}' resolves to '{full}', outside the dataset root '{FullPath}'");
            }

            real = RealPath(full, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ResolvedPath(null, SkipReasons.Unreadable, $"'{written}' cannot be inspected: {ex.Message}");
        }

        if (!IsUnder(_realRoot, real))
        {
            return new ResolvedPath(null, SkipReasons.OutsideRoot, $"'{written}' is a symbolic link (or inside one) that leads to '{real}', outside the dataset root '{_realRoot}'");
        }

        if (!File.Exists(real))
        {
            var what = Directory.Exists(real) ? "is a folder, not an image file" : "does not exist";
            return new ResolvedPath(null, SkipReasons.MissingFile, $"'{full}' {what}");
        }

        return new ResolvedPath(full, null, null);
    }

    private static bool IsUnder(string root, string path)
    {
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }

    // Resolves symbolic links component by component (what realpath(3) does), caching folders, since .NET has no
    // realpath and FileInfo.ResolveLinkTarget only resolves the last component.
    private string RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"too many levels of symbolic links at '{fullPath}'");
        }

        var parent = Path.GetDirectoryName(fullPath);
        if (parent is null)
        {
            return fullPath;
        }

        var realParent = RealFolder(parent, depth);
        var candidate = Path.Combine(realParent, Path.GetFileName(fullPath));
        var target = new FileInfo(candidate).LinkTarget;
        if (target is null)
        {
            return candidate;
        }

        var targetFull = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(realParent, target));
        return RealPath(targetFull, depth + 1);
    }

    private string RealFolder(string folder, int depth)
    {
        if (_realFolders.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        var real = RealPath(folder, depth);
        _realFolders[folder] = real;
        return real;
    }
}
