using ClipAudit.Errors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClipAudit.Models;

/// <summary>What the vision graph declares: read from ONNX Runtime metadata, never assumed.</summary>
internal sealed record VisionSignature(
    string InputName,
    TensorElementType InputType,
    int? FixedBatchSize,
    int? Height,
    int? Width,
    string OutputName,
    TensorElementType OutputType,
    int? EmbeddingDimension);

/// <summary>What the text graph declares: read from ONNX Runtime metadata, never assumed.</summary>
internal sealed record TextSignature(
    string IdsName,
    TensorElementType IdsType,
    string? MaskName,
    TensorElementType? MaskType,
    int? FixedBatchSize,
    int? FixedContextLength,
    string OutputName,
    TensorElementType OutputType,
    int? EmbeddingDimension);

/// <summary>Reads input/output names, element types and dimensions from an ONNX session, honouring manifest overrides.</summary>
internal static class ModelSignature
{
    private static readonly TensorElementType[] FloatTypes = [TensorElementType.Float, TensorElementType.Float16];
    private static readonly TensorElementType[] IntegerTypes = [TensorElementType.Int64, TensorElementType.Int32];

    public static VisionSignature ReadVision(InferenceSession session, string path, ModelManifest? manifest, string preferredOutput = "image_embeds")
    {
        var inputs = session.InputMetadata;
        var inputName = Choose(inputs, manifest?.Vision?.Input, "pixel_values", path, "input", "vision.input", manifest);
        RejectExtraInputs(inputs, [inputName], path);
        var input = inputs[inputName];
        var dims = input.Dimensions;
        if (dims.Length != 4 || (dims[1] != 3 && dims[1] != -1))
        {
            throw Wrong(path, $"input '{inputName}' has shape [{Shape(dims)}]; expected [batch, 3, height, width] pixel values.");
        }

        RequireType(input, inputName, FloatTypes, path);
        var (outputName, output) = ChooseOutput(session, manifest?.Vision?.Output, preferredOutput, path, "vision.output", manifest);
        return new VisionSignature(
            inputName,
            input.ElementDataType,
            Fixed(dims[0]),
            Fixed(dims[2]),
            Fixed(dims[3]),
            outputName,
            output.ElementDataType,
            Fixed(output.Dimensions[^1]));
    }

    public static TextSignature ReadText(InferenceSession session, string path, ModelManifest? manifest, string preferredOutput = "text_embeds")
    {
        var inputs = session.InputMetadata;
        var maskName = manifest?.Text?.AttentionMask;
        if (maskName is not null && !inputs.ContainsKey(maskName))
        {
            throw Wrong(path, $"has no input '{maskName}' (text.attention_mask in '{manifest!.Path}'); its inputs are {List(inputs.Keys)}.");
        }

        maskName ??= inputs.ContainsKey("attention_mask") ? "attention_mask" : null;
        var idsCandidates = maskName is null ? inputs : inputs.Where(kv => kv.Key != maskName).ToDictionary();
        var idsName = Choose(idsCandidates, manifest?.Text?.InputIds, "input_ids", path, "input", "text.input_ids", manifest);
        RejectExtraInputs(inputs, maskName is null ? [idsName] : [idsName, maskName], path);

        var ids = inputs[idsName];
        if (ids.Dimensions.Length != 2)
        {
            throw Wrong(path, $"input '{idsName}' has shape [{Shape(ids.Dimensions)}]; expected [batch, context_length] token ids.");
        }

        RequireType(ids, idsName, IntegerTypes, path);
        TensorElementType? maskType = null;
        if (maskName is not null)
        {
            var mask = inputs[maskName];
            RequireType(mask, maskName, IntegerTypes, path);
            if (mask.Dimensions.Length != 2)
            {
                throw Wrong(path, $"input '{maskName}' has shape [{Shape(mask.Dimensions)}]; expected [batch, context_length].");
            }

            maskType = mask.ElementDataType;
        }

        var (outputName, output) = ChooseOutput(session, manifest?.Text?.Output, preferredOutput, path, "text.output", manifest);
        return new TextSignature(
            idsName,
            ids.ElementDataType,
            maskName,
            maskType,
            Fixed(ids.Dimensions[0]),
            Fixed(ids.Dimensions[1]),
            outputName,
            output.ElementDataType,
            Fixed(output.Dimensions[^1]));
    }

    private static string Choose(
        IReadOnlyDictionary<string, NodeMetadata> nodes, string? configured, string preferred, string path, string kind, string key, ModelManifest? manifest)
    {
        if (configured is not null)
        {
            return nodes.ContainsKey(configured)
                ? configured
                : throw Wrong(path, $"has no {kind} '{configured}' ({key} in '{manifest!.Path}'); its {kind}s are {List(nodes.Keys)}.");
        }

        if (nodes.ContainsKey(preferred))
        {
            return preferred;
        }

        return nodes.Count == 1
            ? nodes.Keys.First()
            : throw Wrong(path, $"has {kind}s {List(nodes.Keys)} and none is '{preferred}'. Set {key} in {ModelManifest.FileName} beside the model.");
    }

    private static (string Name, NodeMetadata Node) ChooseOutput(
        InferenceSession session, string? configured, string preferred, string path, string key, ModelManifest? manifest)
    {
        var outputs = session.OutputMetadata;
        var name = Choose(outputs, configured, preferred, path, "output", key, manifest);
        var node = outputs[name];
        RequireType(node, name, FloatTypes, path);
        if (node.Dimensions.Length != 2)
        {
            throw Wrong(path, $"output '{name}' has shape [{Shape(node.Dimensions)}]; expected [batch, embedding_dim] (the projected embedding). Set {key} in {ModelManifest.FileName} to the projected output.");
        }

        return (name, node);
    }

    private static void RejectExtraInputs(IReadOnlyDictionary<string, NodeMetadata> inputs, string[] used, string path)
    {
        var extra = inputs.Keys.Except(used, StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            throw Wrong(path, $"has inputs {List(extra)} that ClipAudit does not know how to feed (it feeds {List(used)}). Export the model without them.");
        }
    }

    private static void RequireType(NodeMetadata node, string name, TensorElementType[] allowed, string path)
    {
        if (!node.IsTensor || !allowed.Contains(node.ElementDataType))
        {
            throw Wrong(path, $"'{name}' has element type {node.ElementDataType}; expected {string.Join(" or ", allowed)}.");
        }
    }

    private static int? Fixed(int dimension) => dimension > 0 ? dimension : null;

    private static string Shape(int[] dims) => string.Join(", ", dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static InvalidModelException Wrong(string path, string what) => new($"Model file '{path}' {what}", path);
}
