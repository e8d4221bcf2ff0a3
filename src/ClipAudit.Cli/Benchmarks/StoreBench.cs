using System.Diagnostics;
using System.Globalization;
using ClipAudit.Embeddings;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>Peak memory and time of the embedding cache at dataset scale, without a model.</summary>
public sealed record StoreBenchResult(Throughput Append, long? PeakBytes, long BaselineBytes);

/// <summary>
/// Appends seeded random embeddings to a fresh <see cref="EmbeddingStore"/> in encoder-sized batches, the way
/// <see cref="ImageEmbeddingJob"/> does. Encoding 100,000 real images takes tens of minutes on a small machine; the
/// store is the only part of the pipeline whose memory depends on the dataset size, so it is measured on its own.
/// </summary>
internal static class StoreBench
{
    public static StoreBenchResult Run(int rows, int dimension, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var root = Path.Combine(Path.GetTempPath(), $"clipaudit-bench-store-{Guid.NewGuid():N}");
        try
        {
            GC.Collect();
            var canReset = PeakMemory.TryReset();
            var baseline = PeakMemory.CurrentBytes();
            var store = EmbeddingStore.Open(root);
            var random = new Random(2);
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < rows; start += batchSize)
            {
                var batch = new List<(string Key, float[] Embedding)>(batchSize);
                for (var i = start; i < Math.Min(rows, start + batchSize); i++)
                {
                    var embedding = new float[dimension];
                    for (var d = 0; d < dimension; d++)
                    {
                        embedding[d] = (float)random.NextDouble();
                    }

                    // Keys shaped like the content hashes the job uses (64 hex digits).
                    batch.Add((i.ToString("x64", CultureInfo.InvariantCulture), embedding));
                }

                store.Append(batch);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            return new StoreBenchResult(new Throughput(rows, seconds), canReset ? PeakMemory.PeakBytes() : null, baseline);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
