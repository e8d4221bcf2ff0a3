using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Scoring;
using ClipAudit.Imaging;
using ClipAudit.Metrics;
using ClipAudit.Randomness;
using ClipAudit.Taxonomies;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>Seconds spent by each stage of a warm-cache audit (everything after the images are encoded).</summary>
public sealed record AuditStageResult(int Samples, int Variants, int Groups, int Resamples, double CacheLoadSeconds, double ScoringSeconds, double CountingSeconds, double StatisticsSeconds, long? PeakBytes)
{
    public double TotalSeconds => CacheLoadSeconds + ScoringSeconds + CountingSeconds + StatisticsSeconds;
}

/// <summary>
/// A warm-cache audit at dataset scale without a dataset: N samples with seeded random embeddings in a real embedding
/// store (reopened from disk, as a warm run does), a 20-class taxonomy with a base and variants, two grouping
/// attributes (10 and 2 values, plus their intersection), scored, counted, paired and given bootstrap intervals by
/// <see cref="AuditCore"/>, the code every audit runs. Hashing the image files (one read of each file) is the only warm-run cost not included.
/// </summary>
internal static class AuditStageBench
{
    public static AuditStageResult Run(int samples, int variants, int resamples, int dimension)
    {
        var root = Path.Combine(Path.GetTempPath(), $"clipaudit-bench-audit-{Guid.NewGuid():N}");
        try
        {
            var random = new SplitMix64(11);
            var store = EmbeddingStore.Open(Path.Combine(root, "cache"));
            for (var start = 0; start < samples; start += 1024)
            {
                store.Append(Enumerable.Range(start, Math.Min(1024, samples - start)).Select(i => (Key(i), Vector(random, dimension))).ToList());
            }

            PeakMemory.TryReset();
            var clock = Stopwatch.StartNew();
            var warm = EmbeddingStore.Open(Path.Combine(root, "cache"));
            var embeddings = Enumerable.Range(0, samples).ToDictionary(i => $"s{i}", i => warm.TryGet(Key(i), out var e) ? e : throw new InvalidOperationException("missing row"));
            var cacheLoad = clock.Elapsed.TotalSeconds;

            var sampleList = Enumerable.Range(0, samples).Select(i => new Sample($"s{i}", $"/images/{i}.jpg", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["group"] = ((char)('A' + (i % 10))).ToString(),
                ["gender"] = i % 3 == 0 ? "female" : "male",
            }, i + 2)).ToList();
            var taxonomyPath = WriteTaxonomy(root, variants);
            var taxonomy = Taxonomy.Load(taxonomyPath);
            var config = AuditConfigBuilder.Create("bench", root)
                .Model("model")
                .CsvDataset(".", "manifest.csv")
                .Task("bench", taxonomyPath, TaskMeasure.Both, [.. taxonomy.VariantNames])
                .GroupBy("group").GroupBy("gender").GroupBy("group", "gender")
                .Statistics(IntervalMethod.Bootstrap, bootstrapResamples: resamples)
                .Seed(new Randomness.Seed(7))
                .Build();
            var prompts = new Dictionary<string, float[]>(StringComparer.Ordinal);
            float[] Encode(IReadOnlyList<string> texts) => texts.SelectMany(t => prompts.TryGetValue(t, out var v) ? v : prompts[t] = Vector(random, dimension)).ToArray();

            // The audit core, as every audit runs it; only the stage clock is the benchmark's.
            var times = new AuditStageTimes();
            var inputs = new AuditInputs(
                config,
                DatasetManifest.Create("bench", root, sampleList, []),
                [taxonomy],
                new ImageEmbeddings(embeddings, [], 0, samples),
                Encode,
                ZeroShotScoring.Softmax(100),
                Provenance(resamples)) { Times = times };
            var (counts, scores) = AuditCore.Count(inputs);

            clock.Restart();
            AuditStatistics.Compute(counts);
            var statistics = clock.Elapsed.TotalSeconds;
            var (scoring, counting) = (times.ScoringSeconds, times.CountingSeconds);
            var variantCount = scores.Count;
            return new AuditStageResult(samples, variantCount, 10, resamples, cacheLoad, scoring, counting, statistics, PeakMemory.PeakBytes());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Key(int i) => i.ToString("x64", CultureInfo.InvariantCulture);

    private static float[] Vector(SplitMix64 random, int dimension) => Enumerable.Range(0, dimension).Select(_ => (float)random.NextGaussian()).ToArray();

    /// <summary>20 classes (4 crime-related, 4 non-human, 12 neutral); variant k removes class k-1 from the neutral ones.</summary>
    private static string WriteTaxonomy(string root, int variants)
    {
        var yaml = new StringBuilder("name: bench\ntemplates: [\"a photo of a {}.\", \"a picture of a {}.\"]\nclasses:\n");
        for (var c = 0; c < 20; c++)
        {
            var category = c < 4 ? ", category: \"harm: crime-related\"" : c < 8 ? ", category: \"harm: non-human\"" : "";
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: c{c}, label: class {c}{category} }}\n");
        }

        yaml.Append("variants:\n");
        for (var v = 1; v < variants; v++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ name: v{v}, remove: [c{8 + v}] }}\n");
        }

        var path = Path.Combine(root, "bench.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    private static AuditProvenance Provenance(int resamples) => new(
        "ClipAudit", ToolInfo.Version, "bench", null, "bench", "", "",
        new ModelProvenance("", null, "", "", "", "", "openai", 224, [], [], 100, 77, 512),
        new DatasetProvenance("csv", "bench", "", "", null, null, false, new Dictionary<string, IReadOnlyList<string>>(), null, new Randomness.Seed(0)),
        [],
        new StatisticsProvenance(IntervalMethod.Bootstrap, 0.95, resamples, 30, new Dictionary<string, string>(), "", "", "", "", ""),
        ImageLimits.Default,
        new Randomness.Seed(7));
}
