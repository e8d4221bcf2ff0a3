namespace ClipAudit.Models.Hub;

/// <summary>
/// Where pulled models live: <c>{root}/{owner}/{name}/{revision}</c>, with <c>_{variant}</c> appended for variants
/// other than fp32 so that each folder holds exactly one pair of encoders and can be passed to <c>--model</c> as is.
/// </summary>
public static class HubCacheLayout
{
    public const string ModelsFolder = "models";

    public const string EmbeddingsFolder = "embeddings";

    /// <summary>
    /// ClipAudit's cache folder, shared by every command: <c>$CLIPAUDIT_CACHE</c>, else <c>$XDG_CACHE_HOME/clipaudit</c>
    /// (an absolute XDG path only, as the XDG spec says), else <c>~/.cache/clipaudit</c>. Pulled models live in its
    /// <c>models</c> folder and the embedding cache in its <c>embeddings</c> folder, so neither ever lists the other's
    /// folders. The environment is passed in so tests need not change the process's.
    /// </summary>
    public static string CacheRoot(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var explicitRoot = environment("CLIPAUDIT_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return Path.GetFullPath(explicitRoot);
        }

        var xdg = environment("XDG_CACHE_HOME");
        var cacheHome = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.GetFullPath(Path.Combine(cacheHome, "clipaudit"));
    }

    /// <summary>Where <c>models pull</c> puts models and <c>models list</c> looks: <see cref="CacheRoot"/>/<c>models</c>.</summary>
    public static string DefaultRoot(Func<string, string?> environment) => Path.Combine(CacheRoot(environment), ModelsFolder);

    public static string DefaultRoot() => DefaultRoot(Environment.GetEnvironmentVariable);

    public static string FolderFor(string root, string repo, string revision, string variant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        HubNames.ValidateRepo(repo);
        HubNames.ValidateRevision(revision);
        var parts = repo.Split('/');
        // A revision like refs/pr/1 must stay one folder level so that 'models list' finds it at depth three.
        var leaf = revision.Replace("/", "--", StringComparison.Ordinal);
        if (!string.Equals(variant, HubVariants.Default, StringComparison.Ordinal))
        {
            leaf += "_" + variant;
        }

        return Path.GetFullPath(Path.Combine(root, parts[0], parts[1], leaf));
    }
}
