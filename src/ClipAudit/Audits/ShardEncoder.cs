using System.Globalization;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;

namespace ClipAudit.Audits;

/// <summary>What one <c>clipaudit encode --shard i/N</c> did.</summary>
/// <param name="AlreadyDone">The shard was finished with the same identity before this run; nothing was encoded or written.</param>
internal sealed record ShardEncodeResult(ShardSpec Shard, bool AlreadyDone, int Samples, int Rows, int Failed, string StatusPath);

/// <summary>
/// Encodes the samples one shard owns into its Parquet files. The status file says <c>running</c> while it works,
/// <c>done</c> only after both Parquet files are in place (each written through a temporary file and a rename), and
/// <c>failed</c> or <c>interrupted</c> with the error otherwise. Encoding goes through the shard's own embedding cache, so
/// a re-run after an interruption encodes only what was not finished. Image encoding is the caller's
/// (<paramref name="encode"/>): the model in the CLI, fake encoders in tests.
/// </summary>
internal static class ShardEncoder
{
    public static ShardEncodeResult Run(
        DatasetManifest manifest,
        ShardSpec shard,
        string root,
        ShardIdentity identity,
        Func<DatasetManifest, ImageEmbeddings> encode,
        IProgress<string>? log = null,
        ShardModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(encode);
        var statusPath = ShardLayout.Status(root, shard.Index);
        var owned = manifest.Samples.Where(s => shard.Owns(s.Id)).ToList();
        if (ShardStatus.ReadIfPresent(statusPath) is { } previous)
        {
            if (IsFinished(previous, identity, root, shard))
            {
                log?.Report($"shard {shard} is already done ({previous.Rows} embeddings, {previous.Failures.Count} failed images); nothing to do");
                return new ShardEncodeResult(shard, true, previous.Samples, previous.Rows, previous.Failures.Count, statusPath);
            }

            var differences = previous.Identity.Differences(identity);
            log?.Report(previous.State == ShardStatus.Done && differences.Count > 0
                ? $"shard {shard} was done for other inputs ({string.Join("; ", differences)}); encoding it again (images already in the shard's cache are reused)"
                : $"shard {shard} was left {previous.State}{(previous.Error is null ? "" : $" ({previous.Error})")}; resuming from its cache");
        }

        var started = Now();
        var running = new ShardStatus(ShardStatus.FormatName, shard.Index, ShardStatus.Running, identity, owned.Count, 0, [], null, null, Environment.MachineName, started, null, null) { Model = model };
        running.Write(statusPath);
        try
        {
            log?.Report($"shard {shard}: {owned.Count} of {manifest.Samples.Count} samples");
            var images = encode(DatasetManifest.Create(manifest.Name, manifest.Root, owned, []));
            var orientations = images.ExifOrientations.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
            var encoded = owned.Where(s => images.BySampleId.ContainsKey(s.Id)).ToList();
            var hashes = new string[encoded.Count];
            Parallel.For(0, encoded.Count, i => hashes[i] = ContentHash.OfFile(encoded[i].ImagePath));
            var rows = encoded.Select((s, i) => new ShardMetadataRow(s.Id, Relative(manifest, s.ImagePath), hashes[i], orientations.GetValueOrDefault(s.Id, 1), s.Attributes)).ToList();

            var embeddingsSha = ShardFiles.WriteEmbeddings(ShardLayout.Embeddings(root, shard.Index), Blocks(encoded, images, identity.EmbeddingDimension), identity.EmbeddingDimension);
            var metadataSha = ShardFiles.WriteMetadata(ShardLayout.Metadata(root, shard.Index), rows);
            var failures = images.Failures.Select(f => new ShardFailure(f.SampleId, Relative(manifest, f.Path), f.Reason, f.Detail)).ToList();
            var done = running with
            {
                State = ShardStatus.Done, Rows = encoded.Count, Failures = failures, EmbeddingsSha256 = embeddingsSha, MetadataSha256 = metadataSha, FinishedUtc = Now(),
            };
            done.Write(statusPath);
            return new ShardEncodeResult(shard, false, owned.Count, encoded.Count, failures.Count, statusPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var state = ex is OperationCanceledException ? ShardStatus.Interrupted : ShardStatus.Failed;
            (running with { State = state, FinishedUtc = Now(), Error = $"{ex.GetType().Name}: {ex.Message}" }).Write(statusPath);
            throw;
        }
    }

    /// <summary>Done with the same identity, and both files still there with the hashes the status recorded.</summary>
    internal static bool IsFinished(ShardStatus status, ShardIdentity identity, string root, ShardSpec shard)
    {
        if (status.State != ShardStatus.Done || status.Identity != identity || status.Shard != shard.Index)
        {
            return false;
        }

        var embeddings = ShardLayout.Embeddings(root, shard.Index);
        var metadata = ShardLayout.Metadata(root, shard.Index);
        return File.Exists(embeddings) && File.Exists(metadata)
            && ContentHash.OfFile(embeddings) == status.EmbeddingsSha256 && ContentHash.OfFile(metadata) == status.MetadataSha256;
    }

    /// <summary>The shards' identity for a manifest, a vision model and its preprocessing.</summary>
    public static ShardIdentity IdentityOf(DatasetManifest manifest, string visionModelSha256, Imaging.PreprocessConfig preprocess, int dimension, int shards) =>
        new(manifest.Name, manifest.ManifestHash, visionModelSha256, preprocess.ToString(), dimension, shards);

    private static IEnumerable<EmbeddingBlock> Blocks(IReadOnlyList<Sample> encoded, ImageEmbeddings images, int dimension)
    {
        foreach (var chunk in encoded.Chunk(1024))
        {
            var values = new float[chunk.Length * dimension];
            for (var i = 0; i < chunk.Length; i++)
            {
                var embedding = images.BySampleId[chunk[i].Id];
                if (embedding.Length != dimension)
                {
                    throw new InvalidOperationException($"Sample '{chunk[i].Id}' has an embedding of {embedding.Length} values; the model's dimension is {dimension}.");
                }

                embedding.CopyTo(values, i * dimension);
            }

            yield return new EmbeddingBlock(chunk.Select(s => s.Id).ToArray(), values);
        }
    }

    private static string Relative(DatasetManifest manifest, string path) => Path.GetRelativePath(manifest.Root, path).Replace('\\', '/');

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
