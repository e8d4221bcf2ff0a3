using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClipAudit.Audits;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Grids;
using ClipAudit.Imaging;
using ClipAudit.Metrics;
using ClipAudit.Randomness;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>What a warm grid at scale cost: the cells' audit cores, the cross-run statistics, rows produced and peak memory.</summary>
internal sealed record GridStageResult(
    int Samples, int Cells, double EmbeddingSeconds, double CellSeconds, double CrossRunSeconds, int RateRows, int DifferenceRows, int AgreementRows, int SpreadRows, long PeakBytes, double StatisticsCpuSeconds)
{
    /// <summary>Everything after the cache: every cell's scoring, counting and statistics, then the cross-run statistics.</summary>
    public double StatisticsSeconds => CellSeconds + CrossRunSeconds;

    public string Table() => string.Create(CultureInfo.InvariantCulture, $"""
        warm grid: {Cells} cells × {Samples:N0} samples (1 task: base + 1 variant, harm rates and accuracy; groupings 10 × 2 + intersection; Wilson intervals)
          synthetic embeddings (stand-in for the cache load, not counted)  {EmbeddingSeconds,8:0.0} s
          cells: scoring, counting, statistics (AuditCore)                  {CellSeconds,8:0.0} s
          cross-run: rates, paired differences, agreement, sensitivity     {CrossRunSeconds,8:0.0} s
          statistics total                                                 {StatisticsSeconds,8:0.0} s wall, {StatisticsCpuSeconds:0.0} s CPU (all threads; on a busy machine wall time includes waiting for a core)
          rows: {RateRows:N0} rates, {DifferenceRows:N0} paired differences, {AgreementRows:N0} agreement pairs, {SpreadRows:N0} spreads
          peak resident memory (VmHWM, whole process)                      {PeakBytes / 1048576.0,8:0} MiB

        """);
}

/// <summary>
/// A warm grid of <c>models × datasets</c> cells on N samples without files: per cell, seeded embeddings (a shared
/// per-sample vector plus model and dataset-variant noise, so cells disagree on some samples as real ones do) go
/// through <see cref="AuditCore"/>, the code every audit runs; then <see cref="GridStatistics"/> computes the cross-run
/// part. Cells are run one after another and only their score tables and results are kept, as the grid command does.
/// </summary>
internal static class GridStageBench
{
    public static GridStageResult Run(int samples, int models, int datasets, int dimension, TextWriter log)
    {
        var root = Path.Combine(Path.GetTempPath(), $"clipaudit-bench-grid-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            var sampleList = Enumerable.Range(0, samples).Select(i => new Sample($"s{i}", $"/images/{i}.jpg", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["group"] = ((char)('A' + (i % 10))).ToString(),
                ["gender"] = i % 3 == 0 ? "female" : "male",
            }, i + 2)).ToList();
            var manifest = DatasetManifest.Create("bench", root, sampleList, []);
            var taxonomyPath = WriteTaxonomy(root);
            var taxonomy = Taxonomy.Load(taxonomyPath);
            var config = AuditConfigBuilder.Create("bench-grid", root)
                .Model("model")
                .CsvDataset(".", "manifest.csv")
                .Task("bench", taxonomyPath, TaskMeasure.Both, [.. taxonomy.VariantNames])
                .GroupBy("group").GroupBy("gender").GroupBy("group", "gender")
                .Seed(new Randomness.Seed(7))
                .Build();
            var prompts = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var promptRandom = new SplitMix64(5);
            float[] Encode(IReadOnlyList<string> texts) => texts.SelectMany(t => prompts.TryGetValue(t, out var v) ? v : prompts[t] = Vector(promptRandom, dimension, 1.0)).ToArray();

            PeakMemory.TryReset();
            var (embeddingSeconds, cellSeconds, cpuSeconds) = (0.0, 0.0, 0.0);
            using var process = Process.GetCurrentProcess();
            double Cpu()
            {
                process.Refresh();
                return process.TotalProcessorTime.TotalSeconds;
            }

            var cells = new List<GridCellData>();
            for (var m = 0; m < models; m++)
            {
                for (var d = 0; d < datasets; d++)
                {
                    var clock = Stopwatch.StartNew();
                    var noise = new SplitMix64((ulong)((m * 1000) + d + 1));
                    var embeddings = new Dictionary<string, float[]>(samples, StringComparer.Ordinal);
                    for (var i = 0; i < samples; i++)
                    {
                        // The sample's own vector (the same in every cell, regenerated from its seed rather than held) plus cell noise.
                        var v = Vector(new SplitMix64((ulong)i + 17), dimension, 1.0);
                        var n = Vector(noise, dimension, 0.6 + (0.1 * m));
                        for (var k = 0; k < dimension; k++)
                        {
                            v[k] += n[k];
                        }

                        embeddings[sampleList[i].Id] = v;
                    }

                    embeddingSeconds += clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    var cpu = Cpu();
                    var id = $"m{m + 1}__d{d + 1}";
                    var cellConfig = config with { OutputDirectory = Path.Combine(root, id) };
                    var run = AuditCore.Run(new AuditInputs(cellConfig, manifest, [taxonomy], new ImageEmbeddings(embeddings, [], 0, samples), Encode, ZeroShotScoring.Softmax(100), Provenance()));
                    var cell = new GridCell(id, [new(GridAxisNames.Model, $"m{m + 1}"), new("dataset", $"d{d + 1}")], cellConfig, "bench");
                    cells.Add(GridCellData.From(cell, run));
                    cellSeconds += clock.Elapsed.TotalSeconds;
                    cpuSeconds += Cpu() - cpu;
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cell {id}: {clock.Elapsed.TotalSeconds:0.0} s"));
                }
            }

            var cross = Stopwatch.StartNew();
            var crossCpu = Cpu();
            var grid = GridStatistics.Compute([GridAxisNames.Model, "dataset"], cells);
            var crossSeconds = cross.Elapsed.TotalSeconds;
            cpuSeconds += Cpu() - crossCpu;
            return new GridStageResult(samples, cells.Count, embeddingSeconds, cellSeconds, crossSeconds, grid.Rates.Count, grid.Differences.Count, grid.Agreement.Count, grid.Spreads.Count, PeakMemory.PeakBytes(), cpuSeconds);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static float[] Vector(SplitMix64 random, int dimension, double scale)
    {
        var v = new float[dimension];
        for (var k = 0; k < dimension; k++)
        {
            v[k] = (float)(scale * (random.NextDouble() - 0.5) * 3.4);
        }

        return v;
    }

    /// <summary>20 classes (4 crime-related, 4 non-human, 12 neutral, one with a truth rule per gender); one variant without a neutral class.</summary>
    private static string WriteTaxonomy(string root)
    {
        var yaml = new StringBuilder("name: bench\ntemplates: [\"a photo of a {}.\"]\nclasses:\n");
        yaml.Append("  - { id: woman, label: woman, truth: { gender: female } }\n  - { id: man, label: man, truth: { gender: male } }\n");
        for (var c = 2; c < 20; c++)
        {
            var category = c < 6 ? ", category: \"harm: crime-related\"" : c < 10 ? ", category: \"harm: non-human\"" : "";
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: c{c}, label: class {c}{category} }}\n");
        }

        yaml.Append("variants:\n  - { name: v1, remove: [c12] }\n");
        var path = Path.Combine(root, "bench.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    private static AuditProvenance Provenance() => new(
        "ClipAudit", ToolInfo.Version, "bench-grid", null, "bench-grid", "", "",
        new ModelProvenance("", null, "", "", "", "", "openai", 224, [], [], 100, 77, 512),
        new DatasetProvenance("csv", "bench", "", "", null, null, false, new Dictionary<string, IReadOnlyList<string>>(), null, new Randomness.Seed(0)),
        [],
        new StatisticsProvenance(IntervalMethod.Wilson, 0.95, AuditConfig.DefaultBootstrapResamples, 30, new Dictionary<string, string>(), "", "", "", "", ""),
        ImageLimits.Default,
        new Randomness.Seed(7));
}
