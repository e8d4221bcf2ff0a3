namespace ClipAudit.Tools.Onnx;

/// <summary>
/// A new main-graph content for a parsed model: the complete node and initializer lists (each an encoded graph field,
/// either kept verbatim from the file or newly encoded) and opset imports to add.
/// </summary>
internal sealed record OnnxGraphEdit(
    IReadOnlyList<ReadOnlyMemory<byte>> NodeFields,
    IReadOnlyList<ReadOnlyMemory<byte>> InitializerFields,
    IReadOnlyList<ReadOnlyMemory<byte>> AddedOpsetImportFields)
{
    /// <summary>The model's own nodes and initializers: writing it reproduces the file byte for byte.</summary>
    public static OnnxGraphEdit Unchanged(OnnxModelFile model) => new(
        model.Nodes.Select(n => n.Field.Encoded).ToList(),
        model.Initializers.Select(t => t.Field.Encoded).ToList(),
        []);

    /// <summary>Encodes an <c>opset_import</c> field (field 8 of ModelProto).</summary>
    public static ReadOnlyMemory<byte> OpsetImport(string domain, long version)
    {
        var opset = new ProtoWriter().String(OnnxGraphFields.OpsetDomain, domain).Int(OnnxGraphFields.OpsetVersion, version);
        return new ProtoWriter().Message(OnnxGraphFields.ModelOpsetImport, opset).Written;
    }
}

/// <summary>
/// Streams a parsed model with an <see cref="OnnxGraphEdit"/> applied to a file: every field keeps its place and bytes,
/// except that the node list is written where the first node was, the initializer list where the first initializer
/// was, and added opset imports after the last one. Only the graph's length prefix is computed; nothing is
/// assembled in memory.
/// </summary>
internal static class OnnxModelWriter
{
    /// <summary>Writes the model and returns its size in bytes.</summary>
    public static long Write(OnnxModelFile model, OnnxGraphEdit edit, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(output);
        var graph = GraphPieces(model, edit);
        var graphLength = graph.Sum(p => (long)p.Length);
        var graphPrefix = new ProtoWriter().LengthPrefix(OnnxGraphFields.ModelGraph, graphLength).Written;
        var lastOpset = LastIndex(model.Fields, OnnxGraphFields.ModelOpsetImport);

        var pieces = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < model.Fields.Count; i++)
        {
            if (i == model.GraphFieldIndex)
            {
                pieces.Add(graphPrefix);
                pieces.AddRange(graph);
            }
            else
            {
                pieces.Add(model.Fields[i].Encoded);
            }

            if (i == lastOpset)
            {
                pieces.AddRange(edit.AddedOpsetImportFields);
            }
        }

        if (lastOpset < 0)
        {
            pieces.AddRange(edit.AddedOpsetImportFields);
        }

        var total = pieces.Sum(p => (long)p.Length);
        if (total > OnnxModelFile.MaximumBytes)
        {
            throw new InvalidOperationException($"The rewritten model would be {total:N0} bytes, over the 2 GB protobuf limit.");
        }

        foreach (var piece in pieces)
        {
            output.Write(piece.Span);
        }

        return total;
    }

    private static List<ReadOnlyMemory<byte>> GraphPieces(OnnxModelFile model, OnnxGraphEdit edit)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        bool nodesWritten = false, initializersWritten = false;
        foreach (var field in model.GraphFields)
        {
            switch (field.Number)
            {
                case OnnxGraphFields.Node:
                    if (!nodesWritten)
                    {
                        pieces.AddRange(edit.NodeFields);
                        nodesWritten = true;
                    }

                    break;
                case OnnxGraphFields.Initializer:
                    if (!initializersWritten)
                    {
                        pieces.AddRange(edit.InitializerFields);
                        initializersWritten = true;
                    }

                    break;
                default:
                    pieces.Add(field.Encoded);
                    break;
            }
        }

        if (!nodesWritten)
        {
            pieces.AddRange(edit.NodeFields);
        }

        if (!initializersWritten)
        {
            pieces.AddRange(edit.InitializerFields);
        }

        return pieces;
    }

    private static int LastIndex(IReadOnlyList<ProtoField> fields, int number)
    {
        for (var i = fields.Count - 1; i >= 0; i--)
        {
            if (fields[i].Number == number)
            {
                return i;
            }
        }

        return -1;
    }
}
