using System.Diagnostics;
using ClipAudit.Audits.Analyses;
using ClipAudit.Embeddings;
using ClipAudit.Errors;
using ClipAudit.Imaging;
using ClipAudit.Models;
using ClipAudit.Scoring;

namespace ClipAudit.Audits;

/// <summary>
/// The model-loading ends of a sharded audit: <see cref="Encode"/> (one shard's images through the image encoder into
/// Parquet) and <see cref="Audit"/> (the shards plus the prompts through the text encoder into <see cref="AuditCore"/>).
/// The audit reads the same dataset, builds the same provenance and hands the core the same inputs as
/// <see cref="AuditRunner.Run"/>, so its output files are the same bytes.
/// </summary>
internal static class ShardRunner
{
    public static ShardEncodeResult Encode(AuditConfig config, ShardSpec shard, string root, string? cacheDirectory, AuditRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        RefuseProbes(config, "encode");
        root = Path.GetFullPath(root);
        var data = AuditData.Read(config, options.Log);
        var threads = config.Threads > 0 ? config.Threads : Environment.ProcessorCount;
        options.Log?.Report($"loading model {config.Model.Directory}");
        using var model = ClipModel.Load(config.Model.Directory, ModelOptions(config, threads, options));
        model.ReleaseTextSession();
        var identity = ShardEncoder.IdentityOf(data.Manifest, model.Spec.VisionModelSha256, model.Preprocess, model.Spec.EmbeddingDimension, shard.Count);
        var cache = EmbeddingCache.Open(cacheDirectory ?? ShardLayout.Cache(root, shard.Index));
        var store = cache.ForImages(model.Spec.VisionModelSha256, model.Preprocess);
        var preprocessor = ClipPreprocessor.Create(model.Preprocess, config.Limits);
        return ShardEncoder.Run(data.Manifest, shard, root, identity, subset => ImageEmbeddingJob.Run(
            subset.Samples.Select(s => new ImageInput(s.Id, s.ImagePath)).ToList(),
            store,
            preprocessor.Preprocess,
            model.ImageEncoder,
            new EncodingOptions { BatchSize = config.BatchSize },
            options.EncodingProgress,
            options.Cancellation), options.Log);
    }

    public static AuditRun Audit(AuditConfig config, string root, AuditRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        RefuseProbes(config, "audit --embeddings");
        var clock = Stopwatch.StartNew();
        var data = AuditData.Read(config, options.Log);
        var threads = config.Threads > 0 ? config.Threads : Environment.ProcessorCount;
        options.Log?.Report($"loading model {config.Model.Directory} (text encoder; the image encoder is not used)");
        using var model = ClipModel.Load(config.Model.Directory, ModelOptions(config, threads, options));
        // ClipModel.Load opens the vision file to read its signature (input size, output name, preprocessing); nothing
        // is encoded with it, and its memory is given back before the shards are read.
        model.ReleaseImageSession();
        var scoring = ZeroShotScoring.ForModel(model.Spec, config.Model.Scoring);
        SigmoidThresholdCheck.Run(config, scoring);
        var images = ShardSet.Read(root, data.Manifest, count => ShardEncoder.IdentityOf(data.Manifest, model.Spec.VisionModelSha256, model.Preprocess, model.Spec.EmbeddingDimension, count), options.Log);
        var cache = EmbeddingCache.Open(options.CacheDirectory);
        var prompts = new PromptEmbeddings(cache.ForTexts(model.Spec.TextModelSha256, model.Spec.ContextLength, ModelConventions.TextCacheKey(model.Spec)), model.EncodeTexts);
        var run = AuditCore.Run(new AuditInputs(config, data.Manifest, data.Taxonomies, images, prompts.Encode, scoring,
            AuditRunner.ProvenanceOf(config, options.CommandLine, AuditRunner.ModelProvenanceOf(model, scoring), data))
        {
            Warnings = data.Warnings,
            Log = options.Log,
            Cancellation = options.Cancellation,
        });
        return run with { Encoding = run.Encoding with { PromptsEncoded = prompts.EncodedNow, TotalSeconds = clock.Elapsed.TotalSeconds } };
    }

    internal static ClipModelOptions ModelOptions(AuditConfig config, int threads, AuditRunOptions options) => new()
    {
        Variant = config.Model.Variant,
        PreprocessMode = config.Model.Preprocessing,
        IntraOpNumThreads = threads,
    };

    /// <summary>Linear-probe tasks train on a second set of images, which shards do not carry yet.</summary>
    private static void RefuseProbes(AuditConfig config, string command)
    {
        if (config.Tasks.FirstOrDefault(t => t.Analysis.Mode == TaskMode.LinearProbe) is { } probe)
        {
            throw new InvalidConfigException(
                $"Audit config '{config.SourcePath}': task '{probe.Id}' is a linear probe, whose training images are not stored in shards; " +
                $"'clipaudit {command}' supports zero-shot, multi-label, template-sweep and retrieval tasks. Run this audit with 'clipaudit audit' on one machine.",
                config.SourcePath);
        }
    }
}
