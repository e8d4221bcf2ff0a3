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
/// Runs an audit: dataset → images (the audit's and every linear probe's training images) through the cached image
/// encoder → prompts through the cached text encoder → <see cref="AuditCore"/>, which scores, counts and derives the
/// statistics. This class does the reading and encoding; everything after the embedding cache is in the core.
/// </summary>
public static class AuditRunner
{
    public static AuditRun Run(AuditConfig config, AuditRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var data = AuditData.Read(config, options.Log);
        var manifest = data.Manifest;

        var threads = config.Threads > 0 ? config.Threads : Environment.ProcessorCount;
        options.Log?.Report($"loading model {config.Model.Directory}");
        using var model = ClipModel.Load(config.Model.Directory, new ClipModelOptions
        {
            Variant = config.Model.Variant,
            PreprocessMode = config.Model.Preprocessing,
            IntraOpNumThreads = threads,
            Device = options.Device,
        });
        // One session resident at a time: the text session is not needed while images encode, nor the image session
        // while prompts are scored (measured on ViT-B/32: ~0.4 and ~0.5 GB). Every image (audited and probe training)
        // is encoded before the image session is released, so nothing reopens it.
        model.ReleaseTextSession();
        // The scoring (and whether the config's thresholds fit it) is known from the model's files: checked before encoding.
        var scoring = ZeroShotScoring.ForModel(model.Spec, config.Model.Scoring);
        SigmoidThresholdCheck.Run(config, scoring);
        var cache = EmbeddingCache.Open(options.CacheDirectory);
        var preprocessor = ClipPreprocessor.Create(model.Preprocess, config.Limits);

        options.Log?.Report($"encoding {manifest.Samples.Count} images (cache: {cache.Root})");
        var encodeClock = Stopwatch.StartNew();
        var imageStore = cache.ForImages(model.Spec.VisionModelSha256, model.Preprocess);
        ImageEmbeddings Encode(DatasetManifest samples, EncodingOptions encoding) => ImageEmbeddingJob.Run(
            samples.Samples.Select(s => new ImageInput(s.Id, s.ImagePath) { Content = samples.Content }).ToList(),
            imageStore,
            preprocessor.Preprocess,
            preprocessor.Preprocess,
            model.ImageEncoder,
            encoding,
            options.EncodingProgress,
            options.Cancellation);

        // Decoding workers keep the library default (a quarter of the cores, measured in the benchmark); 'threads' is ONNX Runtime's.
        var images = Encode(manifest, new EncodingOptions { BatchSize = config.BatchSize });
        var training = new Dictionary<string, ProbeTrainingSet>(StringComparer.Ordinal);
        foreach (var (taskId, trainManifest) in data.TrainingSamples)
        {
            options.Log?.Report($"encoding {trainManifest.Samples.Count} training images of task {taskId}");
            training[taskId] = new ProbeTrainingSet(trainManifest, Encode(trainManifest, new EncodingOptions { BatchSize = config.BatchSize, PreprocessThreads = threads }));
        }

        var encodeSeconds = encodeClock.Elapsed.TotalSeconds;
        model.ReleaseImageSession();

        var prompts = new PromptEmbeddings(cache.ForTexts(model.Spec.TextModelSha256, model.Spec.ContextLength, ModelConventions.TextCacheKey(model.Spec)), model.EncodeTexts);
        var run = AuditCore.Run(new AuditInputs(config, manifest, data.Taxonomies, images, prompts.Encode, scoring, ProvenanceOf(config, options.CommandLine, ModelProvenanceOf(model, scoring, options.Device), data))
        {
            Warnings = data.Warnings,
            ProbeTraining = training,
            Log = options.Log,
            Cancellation = options.Cancellation,
        });
        return run with { Encoding = run.Encoding with { PromptsEncoded = prompts.EncodedNow, EncodeSeconds = encodeSeconds, TotalSeconds = clock.Elapsed.TotalSeconds } };
    }

    /// <summary>What the loaded model was: files and hashes, preprocessing, logit scale, context length, width, family conventions and scoring.</summary>
    /// <param name="device">Where the encoders ran (recorded with its execution provider).</param>
    /// <param name="imageDevice">Where the image embeddings were computed, when not <paramref name="device"/> (shards).</param>
    internal static ModelProvenance ModelProvenanceOf(ClipModel model, ZeroShotScoring scoring, ComputeDevice device, string? imageDevice = null)
    {
        var spec = model.Spec;
        return new ModelProvenance(
            spec.Directory, spec.Variant, Path.GetRelativePath(spec.Directory, spec.VisionModelPath), spec.VisionModelSha256,
            Path.GetRelativePath(spec.Directory, spec.TextModelPath), spec.TextModelSha256,
            PreprocessModeNames.Name(model.Preprocess.Mode), model.Preprocess.CropHeight,
            model.Preprocess.Mean, model.Preprocess.Std, model.LogitScale, spec.ContextLength, spec.EmbeddingDimension, spec.Synthetic,
            ModelConventions.Of(model, scoring))
        {
            Device = device.ToString(),
            ExecutionProvider = device.ExecutionProvider,
            ImageDevice = imageDevice ?? device.ToString(),
        };
    }

    /// <summary>The provenance results.json records: tool, config, model, dataset, taxonomies, statistics, limits, seed, published reference.</summary>
    internal static AuditProvenance ProvenanceOf(AuditConfig config, string commandLine, ModelProvenance model, AuditData data)
    {
        var stats = config.Statistics;
        var dataset = config.Dataset;
        var taxonomies = config.Tasks.Zip(data.Taxonomies).Select(p => new TaxonomyProvenance(p.First.Id, p.First.TaxonomyPath, p.Second.Sha256, p.First.Variants)).ToList();
        return new AuditProvenance(
            ToolInfo.Name,
            ToolInfo.Version,
            config.Name,
            config.Description,
            commandLine,
            config.SourcePath,
            config.Sha256,
            model,
            DatasetProvenanceOf(dataset, data.Manifest),
            taxonomies,
            new StatisticsProvenance(
                stats.Interval, stats.Level, stats.BootstrapResamples, stats.MinGroupSize,
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
        AuditConfigReader.KindName(dataset.Kind), manifest.Name, manifest.Root, manifest.ManifestHash,
        dataset.Split?.ToString().ToLowerInvariant(), dataset.PaddingRatio, dataset.ServiceTestOnly,
        dataset.Filters.ToDictionary(f => f.Attribute, f => f.Values, StringComparer.Ordinal), dataset.SampleSize, dataset.SampleSeed)
    {
        IdScheme = manifest.IdScheme,
        SamplesSha256 = manifest.SamplesSha256(),
    };
}
