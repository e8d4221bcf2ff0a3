using ClipAudit.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace ClipAudit.Models;

/// <summary>Runs the vision graph on preprocessed [N,3,H,W] pixels, splitting and padding batches for fixed-batch exports.</summary>
internal sealed class OnnxImageEncoder : IImageEncoder, IDisposable
{
    private readonly ReopenableSession _session;
    private readonly VisionSignature _signature;
    private readonly string _modelPath;

    public OnnxImageEncoder(ReopenableSession session, VisionSignature signature, string modelPath, PreprocessConfig preprocess, int embeddingDimension)
    {
        _session = session;
        _signature = signature;
        _modelPath = modelPath;
        Preprocess = preprocess;
        EmbeddingDimension = embeddingDimension;
    }

    public int EmbeddingDimension { get; }

    /// <summary>What the vision graph declares (recorded by shards so an audit from them need not open it).</summary>
    internal VisionSignature Signature => _signature;

    public PreprocessConfig Preprocess { get; }

    public int? FixedBatchSize => _signature.FixedBatchSize;

    public float[] Encode(ReadOnlyMemory<float> pixels, int count) => Run(pixels, count, EmbeddingDimension);

    /// <summary>Embedding width of a graph whose output declares it dynamically: one run on a black image.</summary>
    public static int MeasureEmbeddingDimension(InferenceSession session, VisionSignature signature, PreprocessConfig preprocess)
    {
        var batch = signature.FixedBatchSize ?? 1;
        using var input = OnnxTensors.FloatInput(
            new float[batch * preprocess.TensorLength], [batch, 3, preprocess.CropHeight, preprocess.CropWidth], signature.InputType);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [signature.InputName], [input], [signature.OutputName]);
        return (int)outputs[0].GetTensorTypeAndShape().Shape[^1];
    }

    /// <summary>Whether the ONNX Runtime session is loaded (it reopens itself when the encoder is used).</summary>
    internal bool SessionOpen => _session.IsOpen;

    public void Dispose() => _session.Dispose();

    /// <summary>Releases the session's memory until the next encode; not while an encode is running.</summary>
    internal void CloseSession() => _session.Close();

    private float[] Run(ReadOnlyMemory<float> pixels, int count, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var perImage = Preprocess.TensorLength;
        if (pixels.Length != (long)count * perImage)
        {
            throw new ArgumentException(
                $"Expected {count} images of 3×{Preprocess.CropHeight}×{Preprocess.CropWidth} = {(long)count * perImage} floats; got {pixels.Length}.", nameof(pixels));
        }

        var result = new float[count * width];
        var chunk = _signature.FixedBatchSize ?? Math.Max(count, 1);
        for (var start = 0; start < count; start += chunk)
        {
            var rows = Math.Min(chunk, count - start);
            var slice = pixels.Slice(start * perImage, rows * perImage);
            if (rows < chunk)
            {
                // A fixed-batch graph only accepts full batches: pad with black images and drop their outputs.
                var padded = new float[chunk * perImage];
                slice.Span.CopyTo(padded);
                slice = padded;
            }

            using var input = OnnxTensors.FloatInput(slice, [chunk, 3, Preprocess.CropHeight, Preprocess.CropWidth], _signature.InputType);
            using var runOptions = new RunOptions();
            using var outputs = _session.Session.Run(runOptions, [_signature.InputName], [input], [_signature.OutputName]);
            OnnxTensors.CopyRows(outputs[0], chunk, rows, width, result.AsSpan(start * width, rows * width), _modelPath, _signature.OutputName);
        }

        return result;
    }
}
