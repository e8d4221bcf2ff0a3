using System.Diagnostics;
using ClipAudit.Audits.Analyses;
using ClipAudit.Datasets;
using ClipAudit.Embeddings;
using ClipAudit.Imaging;
using ClipAudit.Metrics;
using ClipAudit.Models;
using ClipAudit.Scoring;
using ClipAudit.Taxonomies;

namespace ClipAudit.Audits;

/// <summary>
/// Runs an audit: dataset → images through the cached encoder → each task and variant scored zero-shot →
/// per-group counts → statistics. Everything after the embedding cache is deterministic.
/// </summary>
public static class AuditRunner
{
    public static AuditRun Run(AuditConfig config, AuditRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        options.Log?.Report($"reading dataset ({config.Dataset.Kind}, {config.Dataset.Root})");
        var manifest = DatasetLoader.Load(config.Dataset);
        var taxonomyFiles = config.Tasks.Select(t => Taxonomy.Load(t.TaxonomyPath)).ToList();
        var warnings = ConfigDataCheck.Run(config, manifest, taxonomyFiles);
        options.Log?.Report($"checked the config's names against {manifest.Samples.Count} samples: " +
            (warnings.Count == 0 ? "no warnings" : $"{warnings.Count} warning(s), listed when the audit ends and in the report"));

        var threads = config.Threads > 0 ? config.Threads : Environment.ProcessorCount;
        options.Log?.Report($"loading model {config.Model.Directory}");
        using var model = ClipModel.Load(config.Model.Directory, new ClipModelOptions
        {
            Variant = config.Model.Variant,
            PreprocessMode = config.Model.Preprocessing,
            IntraOpNumThreads = threads,
        });
        // One session resident at a time: the text session is not needed while images encode, nor the image session
        // while prompts are scored (measured on ViT-B/32: ~0.4 and ~0.5 GB). Each reopens itself if used again.
        model.ReleaseTextSession();
        var cache = EmbeddingCache.Open(options.CacheDirectory);
        var preprocessor = ClipPreprocessor.Create(model.Preprocess, config.Limits);

        options.Log?.Report($"encoding {manifest.Samples.Count} images (cache: {cache.Root})");
        var encodeClock = Stopwatch.StartNew();
        var imageStore = cache.ForImages(model.Spec.VisionModelSha256, model.Preprocess);
        var images = ImageEmbeddingJob.Run(
            manifest.Samples.Select(s => new ImageInput(s.Id, s.ImagePath)).ToList(),
            imageStore,
            preprocessor.Preprocess,
            model.ImageEncoder,
            // Decoding workers keep the library default (a quarter of the cores, measured in the benchmark); 'threads' is ONNX Runtime's.
            new EncodingOptions { BatchSize = config.BatchSize },
            options.EncodingProgress,
            options.Cancellation);
        var encodeSeconds = encodeClock.Elapsed.TotalSeconds;
        model.ReleaseImageSession();

        var scoring = ZeroShotScoring.ForModel(model.Spec, config.Model.Scoring);
        SigmoidThresholdCheck.Run(config, scoring);
        var prompts = new PromptEmbeddings(cache.ForTexts(model.Spec.TextModelSha256, model.Spec.ContextLength, ModelConventions.TextCacheKey(model.Spec)), model.EncodeTexts);
        var groupings = config.GroupBy.Select(g => g.Attributes).ToList();
        var scores = new List<ScoreTable>();
        var taskCounts = new List<TaskCounts>();
        var pairs = new List<PairedCount>();
        var taxonomies = new List<TaxonomyProvenance>();
        var analysis = new AnalysisContext(config, options, model, imageStore, preprocessor, prompts, manifest, images, groupings, threads, scoring);
        var analyses = new AnalysisResults(scores, taskCounts, pairs);
        foreach (var (task, taxonomy) in config.Tasks.Zip(taxonomyFiles))
        {
            taxonomies.Add(new TaxonomyProvenance(task.Id, task.TaxonomyPath, taxonomy.Sha256, task.Variants));

            // Hook: linear-probe and multi-label tasks run in Analyses/ instead of the zero-shot loop below.
            if (AnalysisStage.RunTask(analysis, task, taxonomy, analyses))
            {
                continue;
            }

            ScoreTable? baseTable = null;
            foreach (var variant in task.VariantsWithBase)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                options.Log?.Report($"scoring task {task.Id} ({variant ?? ZeroShotScorer.BaseVariant})");
                var classes = taxonomy.Resolve(variant);
                var classifier = ZeroShotScorer.Classifier(classes, prompts.Encode, scoring);
                var table = ZeroShotScorer.Score(task.Id, classes, classifier, manifest.Samples, images.BySampleId);
                scores.Add(table);
                var measures = GroupCounter.MeasuresFor(table, task.MeasuresAccuracy, task.MeasuresHarmRates);
                taskCounts.Add(new TaskCounts(task.Id, table.Variant, classes.DisplayName, table.Classes, classes.Templates, GroupCounter.Count(table, measures, groupings)));
                if (baseTable is null)
                {
                    baseTable = table;
                }
                else
                {
                    pairs.AddRange(PairedCounter.Count(baseTable, table, groupings));
                }
            }

            // Hook: template sweep of the base class set, paired with the ensemble (base) table.
            AnalysisStage.AfterZeroShot(analysis, task, taxonomy, baseTable!, analyses);
        }

        // Hook: audit-level retrieval bias.
        AnalysisStage.AfterTasks(analysis, analyses);
        var counts = new AuditCounts(
            Provenance(config, options, model, manifest, taxonomies, scoring),
            Quality(manifest, images) with { Warnings = warnings },
            taskCounts,
            pairs)
        {
            Labels = analyses.Labels,
            Probes = analyses.Probes,
            Retrieval = analyses.Retrieval,
        };
        options.Log?.Report("computing statistics");
        var result = AuditStatistics.Compute(counts);
        return new AuditRun(result, scores, new EncodingSummary(images.EncodedNow + analyses.ImagesEncoded, images.FromCache + analyses.ImagesFromCache, prompts.EncodedNow, encodeSeconds, clock.Elapsed.TotalSeconds));
    }

    private static DataQuality Quality(DatasetManifest manifest, ImageEmbeddings images)
    {
        var rows = manifest.Samples.ToDictionary(s => s.Id, s => s.SourceRow, StringComparer.Ordinal);
        var skipped = manifest.Skipped
            .Select(s => new SkipRecord(s.Id, s.Path, s.Row, "dataset", s.Reason, s.Detail))
            .Concat(images.Failures.Select(f => new SkipRecord(f.SampleId, f.Path, rows.GetValueOrDefault(f.SampleId), "image", f.Reason, f.Detail)))
            .ToList();
        return new DataQuality(manifest.Samples.Count + manifest.Skipped.Count, images.BySampleId.Count, skipped);
    }

    private static AuditProvenance Provenance(
        AuditConfig config, AuditRunOptions options, ClipModel model, DatasetManifest manifest, IReadOnlyList<TaxonomyProvenance> taxonomies, ZeroShotScoring scoring)
    {
        var spec = model.Spec;
        var stats = config.Statistics;
        var dataset = config.Dataset;
        return new AuditProvenance(
            ToolInfo.Name,
            ToolInfo.Version,
            config.Name,
            config.Description,
            options.CommandLine,
            config.SourcePath,
            config.Sha256,
            new ModelProvenance(
                spec.Directory, spec.Variant, Path.GetRelativePath(spec.Directory, spec.VisionModelPath), spec.VisionModelSha256,
                Path.GetRelativePath(spec.Directory, spec.TextModelPath), spec.TextModelSha256,
                PreprocessModeNames.Name(model.Preprocess.Mode), model.Preprocess.CropHeight,
                model.Preprocess.Mean, model.Preprocess.Std, model.LogitScale, spec.ContextLength, spec.EmbeddingDimension, spec.Synthetic,
                ModelConventions.Of(model, scoring)),
            DatasetProvenanceOf(dataset, manifest),
            taxonomies,
            new StatisticsProvenance(
                stats.Interval.ToString(), stats.Level, stats.BootstrapResamples, (ulong)config.Seed, stats.MinGroupSize,
                stats.ReferenceGroups,
                "Newcombe hybrid score (1998, method 10)",
                "Katz log (0.5 added to counts when one is zero)",
                "pooled two-proportion z test; Fisher exact (two-sided)",
                "Holm and Benjamini-Hochberg over the pairwise Fisher tests of each measure and grouping",
                "Newcombe paired (method 10) with McNemar's test; Holm and Benjamini-Hochberg across groups"),
            config.Limits,
            config.Seed,
            PublishedReference.FindFor(dataset.Kind.ToString(), config.SourcePath));
    }

    internal static DatasetProvenance DatasetProvenanceOf(DatasetSettings dataset, DatasetManifest manifest) => new(
        dataset.Kind.ToString().ToLowerInvariant(), manifest.Name, manifest.Root, manifest.ManifestHash,
        dataset.Split?.ToString().ToLowerInvariant(), dataset.PaddingRatio, dataset.ServiceTestOnly,
        dataset.Filters.ToDictionary(f => f.Attribute, f => f.Values, StringComparer.Ordinal), dataset.SampleSize, dataset.SampleSeed);
}
