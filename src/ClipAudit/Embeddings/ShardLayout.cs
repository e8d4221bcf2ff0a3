using System.Globalization;

namespace ClipAudit.Embeddings;

/// <summary>
/// Where shard <c>i</c> lives in a shards folder, after clip-retrieval's layout (<c>img_emb/img_emb_{i}.npy</c> beside
/// <c>metadata/metadata_{i}.parquet</c>, aligned by row). One departure: the embeddings are Parquet
/// (<c>img_emb/img_emb_{i}.parquet</c>: <c>sample_id</c> and a float list <c>embedding</c>), so DuckDB reads them as well as
/// pandas; and a <c>status/shard_{i}.json</c> per shard, as img2dataset's <c>_stats.json</c>. Each shard also keeps an
/// embedding cache under <c>cache/shard_{i}</c>, from which an interrupted encode resumes.
/// </summary>
internal static class ShardLayout
{
    public const string EmbeddingsFolder = "img_emb";
    public const string MetadataFolder = "metadata";
    public const string StatusFolder = "status";
    public const string CacheFolder = "cache";

    public static string Embeddings(string root, int shard) => Path.Combine(root, EmbeddingsFolder, Name("img_emb_", shard, ".parquet"));

    public static string Metadata(string root, int shard) => Path.Combine(root, MetadataFolder, Name("metadata_", shard, ".parquet"));

    public static string Status(string root, int shard) => Path.Combine(root, StatusFolder, Name("shard_", shard, ".json"));

    /// <summary>Held while a task writes the shard (<see cref="ShardLock"/>).</summary>
    public static string Lock(string root, int shard) => Path.Combine(root, StatusFolder, Name("shard_", shard, ".lock"));

    public static string Cache(string root, int shard) => Path.Combine(root, CacheFolder, Name("shard_", shard, ""));

    /// <summary>The shard indices that have a status file, and those files' names that are not shard statuses.</summary>
    public static IReadOnlyList<int> StatusIndices(string root)
    {
        var folder = Path.Combine(root, StatusFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "shard_*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f)["shard_".Length..])
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Where(i => i >= 0)
            .Order()
            .ToList();
    }

    private static string Name(string prefix, int shard, string suffix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{shard}{suffix}");
}
