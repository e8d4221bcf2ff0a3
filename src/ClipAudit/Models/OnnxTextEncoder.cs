using ClipAudit.Tokenization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClipAudit.Models;

/// <summary>Runs the text graph on tokenized prompts: ids as int64 or int32 and, when the graph has one, an attention mask.</summary>
internal sealed class OnnxTextEncoder : ITextEncoder, IDisposable
{
    private readonly ReopenableSession _session;
    private readonly TextSignature _signature;
    private readonly string _modelPath;

    public OnnxTextEncoder(ReopenableSession session, TextSignature signature, string modelPath, int contextLength, int embeddingDimension)
    {
        _session = session;
        _signature = signature;
        _modelPath = modelPath;
        ContextLength = contextLength;
        EmbeddingDimension = embeddingDimension;
    }

    /// <summary>
    /// Prompts per call for dynamic-batch graphs. A taxonomy can hold thousands of prompts; one call for all of them
    /// would size ONNX Runtime's arena for the whole set. Batches of 64 keep that memory bounded whatever the prompt count.
    /// </summary>
    internal const int BatchSize = 64;

    public int EmbeddingDimension { get; }

    public int ContextLength { get; }

    public float[] Encode(IReadOnlyList<TokenizedText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            if (text.ContextIds.Count != ContextLength)
            {
                throw new ArgumentException(
                    $"'{text.Text}' was tokenized to {text.ContextIds.Count} positions; this model takes {ContextLength}. Tokenize with contextLength: {ContextLength}.", nameof(texts));
            }
        }

        var width = EmbeddingDimension;
        var result = new float[texts.Count * width];
        var chunk = _signature.FixedBatchSize ?? Math.Clamp(texts.Count, 1, BatchSize);
        for (var start = 0; start < texts.Count; start += chunk)
        {
            var rows = Math.Min(chunk, texts.Count - start);
            // A fixed-batch graph only accepts full batches. Padding repeats the last real prompt rather than an
            // all-zero row, whose fully masked attention can produce NaN; padded outputs are dropped either way.
            var batch = Enumerable.Range(0, chunk).Select(i => texts[start + Math.Min(i, rows - 1)]).ToList();
            using var outputs = Run(batch);
            OnnxTensors.CopyRows(outputs[0], chunk, rows, width, result.AsSpan(start * width, rows * width), _modelPath, _signature.OutputName);
        }

        return result;
    }

    /// <summary>Embedding width of a graph whose output declares it dynamically: one run on a prompt of id 0, which every vocabulary has.</summary>
    public static int MeasureEmbeddingDimension(InferenceSession session, TextSignature signature, int contextLength)
    {
        var ids = new int[contextLength];
        var probe = new TokenizedText("", ids[..2], ids, Truncated: false);
        var batch = Enumerable.Repeat(probe, signature.FixedBatchSize ?? 1).ToList();
        using var outputs = RunOn(session, signature, batch, contextLength);
        return (int)outputs[0].GetTensorTypeAndShape().Shape[^1];
    }

    /// <summary>Runs one prompt of raw <paramref name="ids"/> (padded with 0; batch filled to a fixed size) and discards the output.</summary>
    public static void RunIds(InferenceSession session, TextSignature signature, int contextLength, IReadOnlyList<int> ids)
    {
        var context = new int[contextLength];
        for (var i = 0; i < Math.Min(ids.Count, contextLength); i++)
        {
            context[i] = ids[i];
        }

        var probe = new TokenizedText("", context[..Math.Min(ids.Count, contextLength)], context, Truncated: false);
        using var outputs = RunOn(session, signature, Enumerable.Repeat(probe, signature.FixedBatchSize ?? 1).ToList(), contextLength, quiet: true);
    }

    /// <summary>Whether the ONNX Runtime session is loaded (it reopens itself when the encoder is used).</summary>
    internal bool SessionOpen => _session.IsOpen;

    public void Dispose() => _session.Dispose();

    /// <summary>Releases the session's memory until the next encode; not while an encode is running.</summary>
    internal void CloseSession() => _session.Close();

    private IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<TokenizedText> batch) => RunOn(_session.Session, _signature, batch, ContextLength);

    /// <param name="quiet">For probes that are expected to fail: ONNX Runtime would also print the error it raises to stderr.</param>
    private static IDisposableReadOnlyCollection<OrtValue> RunOn(InferenceSession session, TextSignature signature, IReadOnlyList<TokenizedText> batch, int contextLength, bool quiet = false)
    {
        long[] shape = [batch.Count, contextLength];
        var names = new List<string> { signature.IdsName };
        using var ids = IntegerInput(batch, contextLength, signature.IdsType, (text, i) => text.ContextIds[i], shape);
        var values = new List<OrtValue> { ids };
        using var mask = signature.MaskName is null
            ? null
            : IntegerInput(batch, contextLength, signature.MaskType!.Value, (text, i) => i < text.Length ? 1 : 0, shape);
        if (mask is not null)
        {
            names.Add(signature.MaskName!);
            values.Add(mask);
        }

        using var runOptions = new RunOptions { LogSeverityLevel = quiet ? OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL : OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING };
        return session.Run(runOptions, names, values, [signature.OutputName]);
    }

    private static OrtValue IntegerInput(
        IReadOnlyList<TokenizedText> batch, int contextLength, TensorElementType type, Func<TokenizedText, int, int> value, long[] shape)
    {
        if (type == TensorElementType.Int64)
        {
            var data = new long[batch.Count * contextLength];
            Fill(batch, contextLength, value, (index, v) => data[index] = v);
            return OrtValue.CreateTensorValueFromMemory(data, shape);
        }

        var narrow = new int[batch.Count * contextLength];
        Fill(batch, contextLength, value, (index, v) => narrow[index] = v);
        return OrtValue.CreateTensorValueFromMemory(narrow, shape);
    }

    private static void Fill(IReadOnlyList<TokenizedText> batch, int contextLength, Func<TokenizedText, int, int> value, Action<int, int> set)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            for (var i = 0; i < contextLength; i++)
            {
                set((row * contextLength) + i, value(batch[row], i));
            }
        }
    }
}
