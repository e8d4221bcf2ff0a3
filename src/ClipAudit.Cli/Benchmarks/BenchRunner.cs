using System.Diagnostics;
using System.Globalization;
using ClipAudit.Embeddings;
using ClipAudit.Imaging;
using ClipAudit.Models;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// Measures one model on one set of images: inference alone, preprocessing alone, the real encoding pipeline
/// (<see cref="ImageEmbeddingJob"/> into a fresh temporary cache), and prompt encoding. Every stage runs once after a
/// warm-up, so the numbers are single-run measurements; compare ratios from one run rather than rates across runs.
/// </summary>
internal static class BenchRunner
{
    public static BenchResult Run(BenchSettings settings, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Images.Count, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1, nameof(settings));
        var modelOptions = new ClipModelOptions
        {
            Variant = settings.Variant,
            IntraOpNumThreads = settings.Threads,
            GraphOptimization = settings.GraphOptimization,
            Device = settings.Device,
        };
        if (settings.CompareQuantized)
        {
            // Fail before the fp32 stages run, not after them, when the folder has no int8 files.
            var directory = Path.GetFullPath(settings.ModelDirectory);
            ModelFiles.Resolve(directory, Directory.Exists(directory) ? ModelManifest.ReadIfPresent(directory) : null, "quantized");
        }

        var result = RunVariant(settings, modelOptions, log);
        if (settings.CompareQuantized)
        {
            log?.WriteLine("int8: the same stages with the *_quantized files ...");
            result = result with { Quantized = QuantizedBench.Run(settings, modelOptions with { Variant = "quantized" }, result.Agreement!, log), Agreement = null };
        }

        // Dataset-scale stages run with no model loaded, so their peaks are theirs and not the sessions'.
        NativeHeap.Trim();
        GC.Collect();
        StoreBenchResult? store = null;
        if (settings.StoreRows > 0)
        {
            log?.WriteLine($"embedding store: {settings.StoreRows} rows of {result.EmbeddingDimension} floats ...");
            store = StoreBench.Run(settings.StoreRows, result.EmbeddingDimension, settings.BatchSize);
        }

        AuditStageResult? audit = null;
        if (settings.AuditSamples > 0)
        {
            log?.WriteLine($"warm-cache audit stage: {settings.AuditSamples} samples x 10 variants, 1000 bootstrap resamples ...");
            audit = AuditStageBench.Run(settings.AuditSamples, variants: 10, resamples: 1000, result.EmbeddingDimension);
        }

        result = result with { Store = store, AuditStage = audit };
        log?.WriteLine("fp32 matrix-multiply peak of this machine ...");
        // The shape of the tower's MLP products when config.json describes it, else ViT-B/32's (50 tokens, 768 -> 3072).
        var shape = VisionFlops.Read(settings.ModelDirectory);
        var gemm = GemmPeak.Measure(settings.BatchSize * (shape?.Tokens ?? 50), shape?.Width ?? 768, shape?.MlpWidth ?? 3072, settings.Threads);
        return result with { Gemm = gemm, VisionFlopsPerImage = shape?.FlopsPerImage };
    }

    private static BenchResult RunVariant(BenchSettings settings, ClipModelOptions modelOptions, TextWriter? log)
    {
        using var clip = ClipModel.Load(settings.ModelDirectory, modelOptions);
        var encoding = new EncodingOptions { BatchSize = settings.BatchSize, PreprocessThreads = settings.PreprocessThreads };
        var workers = ImageEmbeddingJob.PreprocessWorkers(encoding);

        log?.WriteLine($"model-only: {settings.Images.Count} images in batches of {settings.BatchSize} ...");
        var modelOnly = ModelOnly(clip.ImageEncoder, settings.Images.Count, settings.BatchSize);
        log?.WriteLine($"preprocess-only: {workers} worker(s) ...");
        var preprocessor = ClipPreprocessor.Create(clip.Preprocess);
        var preprocessOnly = PreprocessOnly(preprocessor, settings.Images, workers);
        log?.WriteLine("preprocessing stages per image (decode, resample, normalise) at 224 and 448 px ...");
        var stages = PreprocessStages.Measure(preprocessor, [224, 448]);
        log?.WriteLine("end-to-end through ImageEmbeddingJob ...");
        var canReset = PeakMemory.TryReset();
        var endToEnd = EndToEnd(clip, preprocessor, settings.Images, encoding);
        long? endToEndPeak = canReset ? PeakMemory.PeakBytes() : null;
        log?.WriteLine($"texts: {settings.TextCount} prompts ...");
        var texts = Texts(clip, settings.TextCount);
        return new BenchResult
        {
            EmbeddingDimension = clip.Spec.EmbeddingDimension,
            Agreement = settings.CompareQuantized ? AgreementSet.Encode(clip.ImageEncoder, preprocessor, settings.Images) : null,
            Settings = settings,
            Machine = Machine(),
            EffectivePreprocessThreads = workers,
            ModelOnly = modelOnly,
            PreprocessOnly = preprocessOnly,
            Stages = stages,
            EndToEnd = endToEnd,
            Texts = texts,
            EndToEndPeakBytes = endToEndPeak,
            ProcessPeakBytes = PeakMemory.PeakBytes(),
        };
    }

    /// <summary>Encodes as many images as the dataset has, in full batches of seeded noise (pixel values do not change the cost).</summary>
    internal static Throughput ModelOnly(IImageEncoder encoder, int images, int batchSize)
    {
        var tensorLength = encoder.Preprocess.TensorLength;
        var pixels = new float[batchSize * tensorLength];
        var random = new Random(1);
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)((random.NextDouble() * 4) - 2);
        }

        encoder.Encode(pixels, batchSize);
        var done = 0;
        var clock = Stopwatch.StartNew();
        while (done < images)
        {
            encoder.Encode(pixels, batchSize);
            done += batchSize;
        }

        return new Throughput(done, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Decodes and preprocesses every image with <paramref name="workers"/> threads, each reusing one tensor.</summary>
    internal static Throughput PreprocessOnly(ClipPreprocessor preprocessor, IReadOnlyList<string> images, int workers)
    {
        var length = preprocessor.Config.TensorLength;
        preprocessor.Preprocess(images[0], new float[length]);
        var clock = Stopwatch.StartNew();
        Parallel.For(
            0,
            images.Count,
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () => new float[length],
            (i, _, buffer) =>
            {
                preprocessor.Preprocess(images[i], buffer);
                return buffer;
            },
            _ => { });
        return new Throughput(images.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The production path into a throw-away cache, so nothing is served from an earlier run.</summary>
    internal static Throughput EndToEnd(ClipModel clip, ClipPreprocessor preprocessor, IReadOnlyList<string> images, EncodingOptions encoding)
    {
        var cacheRoot = Path.Combine(Path.GetTempPath(), $"clipaudit-bench-{Guid.NewGuid():N}");
        try
        {
            var inputs = images.Select((path, i) => new ImageInput(i.ToString(CultureInfo.InvariantCulture), path)).ToList();
            var store = EmbeddingCache.Open(cacheRoot).ForImages(clip.Spec.VisionModelSha256, clip.Preprocess);
            var clock = Stopwatch.StartNew();
            var result = ImageEmbeddingJob.Run(inputs, store, preprocessor.Preprocess, clip.ImageEncoder, encoding);
            var seconds = clock.Elapsed.TotalSeconds;
            if (result.Failures.Count > 0)
            {
                var first = result.Failures[0];
                throw new InvalidOperationException($"{result.Failures.Count} benchmark image(s) failed to encode, e.g. '{first.Path}': {first.Detail}");
            }

            return new Throughput(result.EncodedNow, seconds);
        }
        finally
        {
            Directory.Delete(cacheRoot, recursive: true);
        }
    }

    /// <summary>Distinct prompts of typical length (a template around a class name), tokenized and encoded.</summary>
    internal static Throughput Texts(ClipModel clip, int count)
    {
        var prompts = Enumerable.Range(0, count)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"a photo of a person who works as a worker of kind {i}."))
            .ToList();
        clip.EncodeTexts(prompts.Take(2).ToList());
        var clock = Stopwatch.StartNew();
        clip.EncodeTexts(prompts);
        return new Throughput(count, clock.Elapsed.TotalSeconds);
    }

    internal static MachineInfo Machine() => new(
        CpuModel(),
        Environment.ProcessorCount,
        Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString(),
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    private static readonly string[] SimdFlags = ["avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile"];

    /// <summary>The CPU's name with family/model and the SIMD extensions that decide ONNX Runtime's kernels (names alone, like "AMD EPYC", hide the generation).</summary>
    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }

        var fields = File.ReadLines(cpuinfo)
            .TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        var name = fields.GetValueOrDefault("model name") ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        var flags = (fields.GetValueOrDefault("flags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var simd = SimdFlags.Where(flags.Contains);
        var family = fields.TryGetValue("cpu family", out var f) && fields.TryGetValue("model", out var m) ? $"family {f} model {m}; " : "";
        return $"{name} ({family}{string.Join(' ', simd)})";
    }
}
