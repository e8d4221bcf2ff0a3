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
        root = Path.GetFullPath(root);
        // Before anything is read or written: a second task given the same index stops here, leaving the first one's status alone.
        using var held = ShardLock.Acquire(root, shard, options.Log);
        try
        {
            // Each task reads the dataset streamed, as the audit from shards does, and keeps only its own samples.
            return WithSpillFolder(spill => EncodeShard(config, shard, root, cacheDirectory, options, spill));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !File.Exists(ShardLayout.Status(root, shard.Index)))
        {
            // Failed before the shard's inputs were known (config, dataset, model, device): still leave a status
            // file, so the failure shows in status/ and the audit names it, not only in this task's exit code and log.
            var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            new ShardStatus(ShardStatus.FormatName, shard.Index, ex is OperationCanceledException ? ShardStatus.Interrupted : ShardStatus.Failed,
                new ShardIdentity("", "", "", "", 0, shard.Count), 0, 0, [], null, null, Environment.MachineName, now, now, $"{ex.GetType().Name}: {ex.Message}")
                .Write(ShardLayout.Status(root, shard.Index));
            throw;
        }
    }

    private static ShardEncodeResult EncodeShard(AuditConfig config, ShardSpec shard, string root, string? cacheDirectory, AuditRunOptions options, string spillFolder)
    {
        RefuseProbes(config, "encode");
        var data = AuditData.Read(config, options.Log, spillFolder);
        var threads = config.Threads > 0 ? config.Threads : Environment.ProcessorCount;
        if (FinishedBefore(config, shard, root, data, ModelOptions(config, threads, options)) is { } done)
        {
            options.Log?.Report($"shard {shard} is already done ({done.Rows} embeddings, {done.Failures.Count} failed images; same dataset, vision file and preprocessing); nothing to do, model not loaded");
            return new ShardEncodeResult(shard, true, done.Samples, done.Rows, done.Failures.Count, ShardLayout.Status(root, shard.Index));
        }

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
            options.Cancellation), options.Log, ShardModel.Of(model.Spec.TextModelSha256, model.VisionSignature) with { Device = options.Device.ToString() });
    }

    /// <summary>
    /// Audits from the shards streaming (<see cref="StreamingAudit"/>): one block of samples in memory at a time, the
    /// samples tables written to <paramref name="samples"/> as they are scored.
    /// </summary>
    public static StreamedAudit Audit(AuditConfig config, string root, AuditRunOptions options, ISampleRowSink samples, int blockSize = StreamingAudit.BlockSize)
    {
        ArgumentNullException.ThrowIfNull(samples);
        // The dataset too is streamed: a CSV dataset's samples are kept in a temporary folder (TMPDIR), read back on each pass.
        return WithSpillFolder(spill => Run(config, root, options, "audit --embeddings", StreamingAudit.RefuseWholeDatasetAnalyses, (inputs, statuses) =>
            StreamingAudit.Run(inputs, ShardStream.Open(root, inputs.Manifest, statuses), samples, blockSize), spill));
    }

    /// <summary>Runs <paramref name="run"/> with a new folder under TMPDIR for a CSV dataset's samples (<see cref="AuditData.Read"/>), deleted when it returns or throws.</summary>
    private static T WithSpillFolder<T>(Func<string, T> run)
    {
        var spill = Path.Combine(Path.GetTempPath(), $"clipaudit-samples-{Guid.NewGuid():N}");
        try
        {
            return run(spill);
        }
        finally
        {
            if (Directory.Exists(spill))
            {
                Directory.Delete(spill, recursive: true);
            }
        }
    }

    /// <summary>
    /// Audits from the shards with every embedding read into memory first (<c>--in-memory</c>), as <see cref="AuditRunner.Run"/>
    /// holds them: for the analyses that need every sample at once (subgroups, counterfactual, association, ...).
    /// </summary>
    public static AuditRun AuditInMemory(AuditConfig config, string root, AuditRunOptions options) =>
        Run(config, root, options, "audit --embeddings --in-memory", _ => { }, (inputs, statuses) =>
        {
            var images = ShardSet.Read(root, inputs.Manifest, statuses, inputs.Log);
            return new StreamedAudit(AuditCore.Run(inputs with { Images = images }), []);
        }).Run;

    private static StreamedAudit Run(
        AuditConfig config, string root, AuditRunOptions options, string command, Action<AuditConfig> refuse, Func<AuditInputs, List<ShardStatus>, StreamedAudit> audit, string? spillFolder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        RefuseProbes(config, command);
        refuse(config);
        var clock = Stopwatch.StartNew();
        var data = AuditData.Read(config, options.Log, spillFolder);
        var threads = config.Threads > 0 ? config.Threads : Environment.ProcessorCount;
        // The vision graph's SHA-256 and signature come from the shards, so only the text encoder is opened (the vision
        // file is not read at all); shards that recorded none (older encodes) are named by ReadStatuses below.
        var recorded = ShardSet.RecordedVision(Path.GetFullPath(root));
        options.Log?.Report(recorded is null
            ? $"loading model {config.Model.Directory} (the shards record no vision signature: the vision file is opened to read it, never to encode)"
            : $"loading model {config.Model.Directory}: text encoder only (vision SHA-256 and signature from the shards)");
        using var model = ClipModel.Load(config.Model.Directory, ModelOptions(config, threads, options) with { RecordedVision = recorded });
        model.ReleaseImageSession();
        var scoring = ZeroShotScoring.ForModel(model.Spec, config.Model.Scoring);
        SigmoidThresholdCheck.Run(config, scoring);
        var statuses = ShardSet.ReadStatuses(
            Path.GetFullPath(root), data.Manifest, count => ShardEncoder.IdentityOf(data.Manifest, model.Spec.VisionModelSha256, model.Preprocess, model.Spec.EmbeddingDimension, count),
            ShardModel.Of(model.Spec.TextModelSha256, model.VisionSignature));
        var cache = EmbeddingCache.Open(options.CacheDirectory);
        var prompts = new PromptEmbeddings(cache.ForTexts(model.Spec.TextModelSha256, model.Spec.ContextLength, ModelConventions.TextCacheKey(model.Spec)), model.EncodeTexts);
        var inputs = new AuditInputs(config, data.Manifest, data.Taxonomies, new ImageEmbeddings(new Dictionary<string, float[]>(), [], 0, 0), prompts.Encode, scoring,
            AuditRunner.ProvenanceOf(config, options.CommandLine, AuditRunner.ModelProvenanceOf(model, scoring, options.Device, ShardSet.ImageDevices(statuses)), data))
        {
            Warnings = data.Warnings,
            Log = options.Log,
            Cancellation = options.Cancellation,
        };
        var done = audit(inputs, statuses);
        var run = done.Run;
        return done with { Run = run with { Encoding = run.Encoding with { PromptsEncoded = prompts.EncodedNow, TotalSeconds = clock.Elapsed.TotalSeconds } } };
    }

    /// <summary>
    /// The shard's status when it is done for these inputs, judged from files only: the dataset's manifest hash, the
    /// vision file's SHA-256 and the preprocessing its files and the config give (with the vision signature the status
    /// recorded), plus the shard's own file hashes. Null otherwise (then the model is loaded and the shard encoded).
    /// </summary>
    private static ShardStatus? FinishedBefore(AuditConfig config, ShardSpec shard, string root, AuditData data, ClipModelOptions options)
    {
        if (ShardStatus.ReadIfPresent(ShardLayout.Status(root, shard.Index)) is not { State: ShardStatus.Done, Model: { } facts } status)
        {
            return null;
        }

        var dimension = status.Identity.EmbeddingDimension;
        var (sha256, preprocess) = VisionFiles.Identify(config.Model.Directory, options, facts.Signature(dimension));
        var identity = ShardEncoder.IdentityOf(data.Manifest, sha256, preprocess, dimension, shard.Count);
        return ShardEncoder.IsFinished(status, identity, root, shard) ? status : null;
    }

    internal static ClipModelOptions ModelOptions(AuditConfig config, int threads, AuditRunOptions options) => new()
    {
        Variant = config.Model.Variant,
        PreprocessMode = config.Model.Preprocessing,
        IntraOpNumThreads = threads,
        Device = options.Device,
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
