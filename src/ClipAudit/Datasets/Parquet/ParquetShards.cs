using System.Text.RegularExpressions;
using ClipAudit.Errors;

namespace ClipAudit.Datasets.Parquet;

/// <summary>
/// Finds the Parquet shards of one config and split: the card's <c>data_files</c> patterns when it has them, else the
/// layouts the Hub writes (<c>data/{split}-*.parquet</c>, <c>{config}/{split}-*.parquet</c>, <c>{config}/{split}/*.parquet</c>,
/// <c>{split}/*.parquet</c>). Shards come back in ordinal order of their relative path, the order rows are numbered in.
/// </summary>
internal static class ParquetShards
{
    public static IReadOnlyList<string> Find(string root, HubConfig? config, string split)
    {
        var patterns = config?.DataFiles.GetValueOrDefault(split) is { Count: > 0 } given
            ? given
            : DefaultPatterns(config?.Name, split);
        var files = Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        var regexes = patterns.Select(ToRegex).ToList();
        var shards = files.Where(f => regexes.Any(r => r.IsMatch(f))).Order(StringComparer.Ordinal).ToList();
        if (shards.Count == 0)
        {
            var present = files.Order(StringComparer.Ordinal).Take(10).ToList();
            throw new InvalidConfigException(
                $"Parquet dataset '{root}': no shard of split '{split}'{(config is null ? "" : $" (config '{config.Name}')")} matches {string.Join(", ", patterns.Select(p => $"'{p}'"))}; " +
                $"Parquet files present: {(present.Count == 0 ? "none" : string.Join(", ", present))}. " +
                $"Check 'split:'{(config?.Splits.Count > 0 ? $" (the card lists {string.Join(", ", config.Splits)})" : "")} and that the shards were downloaded.",
                root);
        }

        return shards.Select(s => Path.GetFullPath(Path.Combine(root, s))).ToList();
    }

    private static List<string> DefaultPatterns(string? config, string split)
    {
        List<string> patterns = [$"data/{split}-*.parquet", $"data/{split}/*.parquet", $"{split}/*.parquet", $"{split}-*.parquet"];
        if (config is not null)
        {
            patterns.AddRange([$"{config}/{split}-*.parquet", $"{config}/{split}/*.parquet"]);
        }

        return patterns;
    }

    /// <summary>The Hub's glob: <c>*</c> within a folder, <c>**</c> across folders, <c>?</c> one character; a pattern without an extension matches its Parquet files.</summary>
    internal static Regex ToRegex(string pattern)
    {
        var text = pattern.Replace('\\', '/').TrimStart('.', '/');
        var regex = "^" + Regex.Escape(text).Replace(@"\*\*/", "(?:.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$";
        return new Regex(regex, RegexOptions.CultureInvariant);
    }
}
