using ClipAudit.Embeddings;
using ClipAudit.Imaging;
using ClipAudit.Models;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// The int8 (<c>*_quantized.onnx</c>) files of the same folder, measured in the same run as fp32: model-only and
/// end-to-end rates on the same images, and how far its image embeddings are from fp32's on the same pixels.
/// </summary>
internal static class QuantizedBench
{
    public static QuantizedBenchResult Run(BenchSettings settings, ClipModelOptions options, AgreementSet fp32, TextWriter? log)
    {
        using var clip = ClipModel.Load(settings.ModelDirectory, options);
        var preprocessor = ClipPreprocessor.Create(clip.Preprocess);
        var encoding = new EncodingOptions { BatchSize = settings.BatchSize, PreprocessThreads = settings.PreprocessThreads };
        log?.WriteLine("int8 model-only ...");
        var modelOnly = BenchRunner.ModelOnly(clip.ImageEncoder, settings.Images.Count, settings.BatchSize);
        log?.WriteLine("int8 end-to-end ...");
        var endToEnd = BenchRunner.EndToEnd(clip, preprocessor, settings.Images, encoding);
        var cosines = fp32.CosinesWith(clip.ImageEncoder);
        return new QuantizedBenchResult(modelOnly, endToEnd, cosines.Average(), cosines.Min(), cosines.Count);
    }
}

/// <summary>int8 rates and the cosine between its image embeddings and fp32's (mean and worst over the images compared).</summary>
public sealed record QuantizedBenchResult(Throughput ModelOnly, Throughput EndToEnd, double CosineMean, double CosineMin, int ImagesCompared);
