using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Errors;

namespace ClipAudit.Audits;

/// <summary>
/// Reads a folder of shards back as the <see cref="ImageEmbeddings"/> a single-process encode of the same manifest
/// gives: every shard must be present, done, and from the expected dataset, vision model and preprocessing, and the
/// shards together must cover every sample exactly once. Failures and EXIF orientations come back in manifest order,
/// with the manifest's image paths, as <see cref="ImageEmbeddingJob"/> reports them.
/// </summary>
internal static class ShardSet
{
    public static ImageEmbeddings Read(string root, DatasetManifest manifest, Func<int, ShardIdentity> expected, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(expected);
        return Read(root, manifest, ReadStatuses(Path.GetFullPath(root), manifest, expected), log);
    }

    /// <summary>As above, for statuses <see cref="ReadStatuses"/> already accepted.</summary>
    public static ImageEmbeddings Read(string root, DatasetManifest manifest, IReadOnlyList<ShardStatus> statuses, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        root = Path.GetFullPath(root);
        var count = statuses.Count;
        var position = new Dictionary<string, int>(manifest.Samples.Count, StringComparer.Ordinal);
        for (var i = 0; i < manifest.Samples.Count; i++)
        {
            position[manifest.Samples[i].Id] = i;
        }

        var dimension = statuses[0].Identity.EmbeddingDimension;
        var bySample = new Dictionary<string, float[]>(manifest.Samples.Count, StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var orientations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            var shard = new ShardSpec(status.Shard, count);
            var path = ShardLayout.Embeddings(root, shard.Index);
            var rows = 0;
            foreach (var block in ShardFiles.ReadEmbeddings(path, dimension))
            {
                for (var r = 0; r < block.Ids.Count; r++)
                {
                    var id = block.Ids[r];
                    if (!position.ContainsKey(id) || !shard.Owns(id) || !bySample.TryAdd(id, block.Values.AsSpan(r * dimension, dimension).ToArray()))
                    {
                        throw new InvalidShardsException($"Shard {shard} ('{path}') holds sample '{id}', which is not one of this shard's samples of the audited dataset (or occurs twice). Re-run that shard's encode.", path);
                    }
                }

                rows += block.Ids.Count;
            }

            if (rows != status.Rows)
            {
                throw new InvalidShardsException($"Shard {shard}: '{path}' has {rows} rows but its status says {status.Rows}. The file was changed after encoding; re-run that shard.", path);
            }

            foreach (var failure in status.Failures)
            {
                failed.Add(failure.SampleId);
            }

            foreach (var (id, orientation) in ShardFiles.ReadOrientations(ShardLayout.Metadata(root, shard.Index)))
            {
                orientations[id] = orientation;
            }

            log?.Report($"read shard {shard}: {rows} embeddings, {status.Failures.Count} failed images");
        }

        var uncovered = manifest.Samples.Where(s => !bySample.ContainsKey(s.Id) && !failed.Contains(s.Id)).Select(s => s.Id).Take(5).ToList();
        if (uncovered.Count > 0)
        {
            throw new InvalidShardsException($"The shards in '{root}' do not cover every sample of the dataset (e.g. {string.Join(", ", uncovered)}). Re-encode the dataset into an empty folder.", root);
        }

        var failures = statuses.SelectMany(s => s.Failures)
            .OrderBy(f => position[f.SampleId])
            .Select(f => new ImageFailure(f.SampleId, manifest.Samples[position[f.SampleId]].ImagePath, f.Reason, f.Detail))
            .ToList();
        var oriented = manifest.Samples
            .Where(s => bySample.ContainsKey(s.Id) && orientations.GetValueOrDefault(s.Id, 1) != 1)
            .Select(s => KeyValuePair.Create(s.Id, orientations[s.Id]))
            .ToList();
        return new ImageEmbeddings(bySample, failures, 0, bySample.Count) { ExifOrientations = oriented };
    }

    /// <summary>Every shard's status, in index order, or one exception naming each missing, unfinished or mismatched shard.</summary>
    /// <summary>
    /// The vision model SHA-256 and signature the done shards recorded (the most common, when they disagree: the
    /// others are then reported as mismatched), or null when none recorded them.
    /// </summary>
    internal static (string Sha256, Models.VisionSignature Signature)? RecordedVision(string root)
    {
        var recorded = ShardLayout.StatusIndices(root)
            .Select(i => ShardStatus.ReadIfPresent(ShardLayout.Status(root, i)))
            .Where(s => s is { State: ShardStatus.Done, Model: not null })
            .GroupBy(s => (s!.Identity.VisionModelSha256, s.Identity.EmbeddingDimension, Model: s.Model! with { TextModelSha256 = "", Device = null }))
            .OrderByDescending(g => g.Count())
            .FirstOrDefault();
        return recorded is null ? null : (recorded.Key.VisionModelSha256, recorded.Key.Model.Signature(recorded.Key.EmbeddingDimension));
    }

    /// <summary>The devices the shards' images were encoded on, in order of first appearance (<c>unrecorded</c> for a shard that did not say).</summary>
    internal static string ImageDevices(IReadOnlyList<ShardStatus> statuses) =>
        string.Join(", ", statuses.Select(s => s.Model?.Device ?? "unrecorded").Distinct(StringComparer.Ordinal));

    internal static List<ShardStatus> ReadStatuses(string root, DatasetManifest manifest, Func<int, ShardIdentity> expected, ShardModel? expectedModel = null)
    {
        var indices = ShardLayout.StatusIndices(root);
        if (indices.Count == 0)
        {
            throw new InvalidShardsException(
                $"No shards in '{root}' (no {ShardLayout.StatusFolder}/shard_*.json). Encode them first: clipaudit encode CONFIG --shard i/N --out {root}, for i = 0..N-1.", root);
        }

        var found = indices.ToDictionary(i => i, i => ShardStatus.ReadIfPresent(ShardLayout.Status(root, i))!);
        // N is what the shards say; when they disagree, the most common count is taken and the others reported.
        var count = found.Values.GroupBy(s => s.Identity.ShardCount).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        var identity = expected(count);
        var problems = new List<string>();
        var statuses = new List<ShardStatus>();
        for (var i = 0; i < count; i++)
        {
            var name = $"shard {i}/{count}";
            if (!found.TryGetValue(i, out var status))
            {
                problems.Add($"{name}: missing (no {ShardLayout.StatusFolder}/shard_{i}.json)");
                continue;
            }

            var differences = status.Identity.Differences(identity);
            if (status.State != ShardStatus.Done)
            {
                problems.Add($"{name}: {status.State}{(status.Error is null ? "" : $" ({status.Error})")}");
            }
            else if (differences.Count > 0)
            {
                problems.Add($"{name}: mismatched: {string.Join("; ", differences)}");
            }
            else if (expectedModel is not null && status.Model is null)
            {
                problems.Add($"{name}: records no model facts (text model, vision signature; encoded by an older clipaudit)");
            }
            else if (expectedModel is not null && status.Model!.Differences(expectedModel) is { Count: > 0 } modelDifferences)
            {
                problems.Add($"{name}: mismatched: {string.Join("; ", modelDifferences)}");
            }
            else if (!File.Exists(ShardLayout.Embeddings(root, i)) || !File.Exists(ShardLayout.Metadata(root, i)))
            {
                problems.Add($"{name}: done but its Parquet files are missing");
            }

            statuses.Add(status);
        }

        problems.AddRange(indices.Where(i => i >= count).Select(i => $"shard {i}: from a split into {found[i].Identity.ShardCount} shards, not {count}"));
        if (problems.Count > 0)
        {
            throw new InvalidShardsException(
                $"The shards in '{root}' cannot be audited together with dataset '{manifest.Name}':\n  " + string.Join("\n  ", problems) +
                $"\nRe-run the listed shards (clipaudit encode CONFIG --shard i/{count} --out {root}), or encode into an empty folder.", root);
        }

        return statuses;
    }
}
