using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>Renders a <see cref="BenchResult"/> as a plain-text table and as JSON.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Table(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Settings;
        var torch = result.Torch;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"machine: {result.Machine.CpuModel}, {result.Machine.LogicalProcessors} logical processors; ONNX Runtime {result.Machine.OnnxRuntimeVersion}; {result.Machine.Runtime}"));
        text.AppendLine(Invariant($"model: {s.ModelDirectory} ({s.Variant ?? "fp32"}, {s.GraphOptimization}); {s.Images.Count} images; batch {s.BatchSize}; ORT threads {s.Threads}; preprocess workers {result.EffectivePreprocessThreads}"));
        text.AppendLine(Invariant($"device: {s.Device}; provider: {s.Provider}; batch {s.BatchSize}"));
        text.AppendLine();
        text.AppendLine(Row("stage", "ClipAudit/s", torch is null ? "" : "PyTorch/s", torch is null ? "" : "ratio"));
        text.AppendLine(Row("model-only", result.ModelOnly.PerSecond, torch?.ModelOnlyImagesPerSecond));
        text.AppendLine(Row("preprocess-only", result.PreprocessOnly.PerSecond, torch?.PreprocessImagesPerSecond));
        text.AppendLine(Row("end-to-end", result.EndToEnd.PerSecond, torch?.EndToEndImagesPerSecond));
        text.AppendLine(Row("texts", result.Texts.PerSecond, null));
        text.AppendLine();
        text.AppendLine(Invariant($"end-to-end / model-only: {result.EndToEndOverModelOnly:P1}"));
        AppendRoofline(text, result);
        if (result.Quantized is { } q)
        {
            text.Append(Invariant($"int8 (*_quantized.onnx, same images): model-only {q.ModelOnly.PerSecond:F1}/s = {q.ModelOnly.PerSecond / result.ModelOnly.PerSecond:F2}x fp32; end-to-end {q.EndToEnd.PerSecond:F1}/s = {q.EndToEnd.PerSecond / result.EndToEnd.PerSecond:F2}x fp32"));
            text.AppendLine(torch is null ? "" : Invariant($", {q.EndToEnd.PerSecond / torch.EndToEndImagesPerSecond:F2}x PyTorch"));
            text.AppendLine(Invariant($"int8 vs fp32 image embeddings on the same {q.ImagesCompared} images: cosine mean {q.CosineMean:F5}, worst {q.CosineMin:F5}"));
        }

        if (torch is not null)
        {
            text.AppendLine(Invariant($"PyTorch preprocess-only is single-threaded (the script decodes in its main thread); ClipAudit uses {result.EffectivePreprocessThreads} worker(s): {result.PreprocessPerWorker:F1}/s per worker = {result.PreprocessPerWorker / torch.PreprocessImagesPerSecond:F2}x PyTorch per core."));
        }

        AppendStages(text, result.Stages);

        text.AppendLine(Invariant($"peak RSS: end-to-end stage {Megabytes(result.EndToEndPeakBytes)}, whole process {Megabytes(result.ProcessPeakBytes)}"));
        if (result.Store is { } store)
        {
            text.AppendLine(Invariant($"embedding store, {store.Append.Items} rows: {store.Append.PerSecond:F0} rows/s; peak RSS {Megabytes(store.PeakBytes)} (from {Megabytes(store.BaselineBytes)} before)"));
        }

        if (result.AuditStage is { } audit)
        {
            text.AppendLine(Invariant($"warm-cache audit, {audit.Samples} samples x {audit.Variants} variants x {audit.Groups} groups, {audit.Resamples} bootstrap resamples: {audit.TotalSeconds:F2} s (cache load {audit.CacheLoadSeconds:F2}, scoring {audit.ScoringSeconds:F2}, counting {audit.CountingSeconds:F2}, statistics {audit.StatisticsSeconds:F2}); peak RSS {Megabytes(audit.PeakBytes)}"));
        }
        return text.ToString();
    }

    private static void AppendStages(StringBuilder text, IReadOnlyList<StageTimes> stages)
    {
        foreach (var t in stages)
        {
            var vector = t.ResampleVectorMicroseconds is { } v ? Invariant($"{v:F0} µs vectorised ({t.ResampleScalarMicroseconds / v:F1}x)") : "no vectorised path on this CPU";
            text.AppendLine(Invariant($"per image, {t.Side}x{t.Side} JPEG, one thread: decode {t.DecodeMicroseconds:F0} µs; resize+crop {t.ResampleScalarMicroseconds:F0} µs scalar, {vector}; normalise {t.NormaliseMicroseconds:F0} µs; whole preprocess {t.PreprocessMicroseconds:F0} µs"));
        }
    }

    private static void AppendRoofline(StringBuilder text, BenchResult result)
    {
        if (result.Gemm is not { } gemm)
        {
            return;
        }

        text.Append(Invariant($"fp32 MatMul {gemm.Rows}x{gemm.Inner}·{gemm.Inner}x{gemm.Columns} on this machine: {gemm.GigaflopsPerSecond:F0} GFLOP/s"));
        if (result.VisionFlopsPerImage is { } flops)
        {
            var ceiling = gemm.GigaflopsPerSecond * 1e9 / flops;
            text.Append(Invariant($"; the image tower needs {flops / 1e9:F2} GFLOP/image, so at that rate at most {ceiling:F1} images/s"));
            text.AppendLine();
            text.Append(Invariant($"model-only runs at {result.ModelOnlyGigaflops:F0} GFLOP/s ({result.ModelOnly.PerSecond / ceiling:P0} of that ceiling)"));
            if (result.Torch is { } torch)
            {
                text.Append(Invariant($"; PyTorch at {torch.ModelOnlyImagesPerSecond * flops / 1e9:F0} GFLOP/s ({torch.ModelOnlyImagesPerSecond / ceiling:P0})"));
            }
        }

        text.AppendLine();
    }

    public static string Json(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Settings;
        var root = new JsonObject
        {
            ["machine"] = new JsonObject
            {
                ["cpu_model"] = result.Machine.CpuModel,
                ["logical_processors"] = result.Machine.LogicalProcessors,
                ["onnxruntime"] = result.Machine.OnnxRuntimeVersion,
                ["runtime"] = result.Machine.Runtime,
            },
            ["settings"] = new JsonObject
            {
                ["model"] = s.ModelDirectory,
                ["variant"] = s.Variant,
                ["graph_optimization"] = s.GraphOptimization.ToString(),
                ["images"] = s.Images.Count,
                ["batch"] = s.BatchSize,
                ["device"] = s.Device.ToString(),
                ["provider"] = s.Provider,
                ["ort_threads"] = s.Threads,
                ["preprocess_threads"] = result.EffectivePreprocessThreads,
                ["texts"] = s.TextCount,
            },
            ["model_only_images_per_s"] = Round(result.ModelOnly.PerSecond),
            ["preprocess_images_per_s"] = Round(result.PreprocessOnly.PerSecond),
            ["end_to_end_images_per_s"] = Round(result.EndToEnd.PerSecond),
            ["texts_per_s"] = Round(result.Texts.PerSecond),
            ["preprocess_images_per_s_per_worker"] = Round(result.PreprocessPerWorker),
            ["end_to_end_over_model_only"] = Math.Round(result.EndToEndOverModelOnly, 4),
            ["end_to_end_peak_rss_bytes"] = result.EndToEndPeakBytes,
            ["process_peak_rss_bytes"] = result.ProcessPeakBytes,
        };
        root["preprocess_stages_us"] = new JsonArray(result.Stages.Select(t => (JsonNode)new JsonObject
        {
            ["side"] = t.Side,
            ["decode"] = Round(t.DecodeMicroseconds),
            ["resample_scalar"] = Round(t.ResampleScalarMicroseconds),
            ["resample_vectorised"] = t.ResampleVectorMicroseconds is { } v ? Round(v) : null,
            ["normalise"] = Round(t.NormaliseMicroseconds),
            ["preprocess"] = Round(t.PreprocessMicroseconds),
        }).ToArray());
        if (result.AuditStage is { } audit)
        {
            root["audit_stage"] = new JsonObject
            {
                ["samples"] = audit.Samples,
                ["variants"] = audit.Variants,
                ["bootstrap_resamples"] = audit.Resamples,
                ["cache_load_s"] = Math.Round(audit.CacheLoadSeconds, 3),
                ["scoring_s"] = Math.Round(audit.ScoringSeconds, 3),
                ["counting_s"] = Math.Round(audit.CountingSeconds, 3),
                ["statistics_s"] = Math.Round(audit.StatisticsSeconds, 3),
                ["total_s"] = Math.Round(audit.TotalSeconds, 3),
                ["peak_rss_bytes"] = audit.PeakBytes,
            };
        }

        if (result.Store is { } store)
        {
            root["store"] = new JsonObject
            {
                ["rows"] = store.Append.Items,
                ["rows_per_s"] = Round(store.Append.PerSecond),
                ["peak_rss_bytes"] = store.PeakBytes,
                ["rss_before_bytes"] = store.BaselineBytes,
            };
        }

        if (result.Gemm is { } gemm)
        {
            root["fp32_matmul"] = new JsonObject
            {
                ["shape"] = Invariant($"{gemm.Rows}x{gemm.Inner}x{gemm.Columns}"),
                ["gflops_per_s"] = Round(gemm.GigaflopsPerSecond),
            };
        }

        root["vision_gflops_per_image"] = result.VisionFlopsPerImage is { } f ? Math.Round(f / 1e9, 4) : null;
        root["model_only_gflops_per_s"] = result.ModelOnlyGigaflops is { } g ? Round(g) : null;
        if (result.Quantized is { } q)
        {
            root["int8"] = new JsonObject
            {
                ["model_only_images_per_s"] = Round(q.ModelOnly.PerSecond),
                ["end_to_end_images_per_s"] = Round(q.EndToEnd.PerSecond),
                ["model_only_over_fp32"] = Math.Round(q.ModelOnly.PerSecond / result.ModelOnly.PerSecond, 3),
                ["end_to_end_over_fp32"] = Math.Round(q.EndToEnd.PerSecond / result.EndToEnd.PerSecond, 3),
                ["cosine_to_fp32_mean"] = Math.Round(q.CosineMean, 6),
                ["cosine_to_fp32_min"] = Math.Round(q.CosineMin, 6),
                ["images_compared"] = q.ImagesCompared,
            };
        }

        if (result.Torch is { } torch)
        {
            root["pytorch"] = JsonNode.Parse(torch.RawJson);
            root["ratio_model_only"] = Math.Round(result.ModelOnly.PerSecond / torch.ModelOnlyImagesPerSecond, 3);
            root["ratio_preprocess"] = Math.Round(result.PreprocessOnly.PerSecond / torch.PreprocessImagesPerSecond, 3);
            root["ratio_preprocess_per_core"] = Math.Round(result.PreprocessPerWorker / torch.PreprocessImagesPerSecond, 3);
            root["ratio_end_to_end"] = Math.Round(result.EndToEnd.PerSecond / torch.EndToEndImagesPerSecond, 3);
        }

        return root.ToJsonString(Indented);
    }

    private static string Row(string stage, double ours, double? theirs) =>
        Row(stage, Invariant($"{ours:F1}"), theirs is { } t ? Invariant($"{t:F1}") : "", theirs is { } r ? Invariant($"{ours / r:F2}x") : "");

    private static string Row(string a, string b, string c, string d) => $"{a,-16} {b,12} {c,12} {d,8}".TrimEnd();

    private static string Megabytes(long? bytes) => bytes is { } b ? Invariant($"{b / (1024.0 * 1024.0):F0} MB") : "n/a";

    private static double Round(double value) => Math.Round(value, 2);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
