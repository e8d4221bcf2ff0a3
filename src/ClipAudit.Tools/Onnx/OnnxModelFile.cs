using ClipAudit.Errors;

namespace ClipAudit.Tools.Onnx;

/// <summary>Field numbers of <c>ModelProto</c> and <c>GraphProto</c> (onnx/onnx.proto) used when reading and rewriting.</summary>
internal static class OnnxGraphFields
{
    public const int ModelIrVersion = 1;
    public const int ModelGraph = 7;
    public const int ModelOpsetImport = 8;
    public const int OpsetDomain = 1;
    public const int OpsetVersion = 2;

    public const int Node = 1;
    public const int Initializer = 5;
    public const int Input = 11;
    public const int Output = 12;
    public const int ValueInfoName = 1;
}

/// <summary>
/// An ONNX model file split into its <c>ModelProto</c> fields and its main graph's nodes and initializers. Every piece
/// keeps its exact bytes (slices of one buffer holding the file), so a rewrite re-encodes only what it changes.
/// Subgraphs (If/Loop bodies) are kept as bytes and only scanned for the names they use.
/// </summary>
internal sealed class OnnxModelFile
{
    /// <summary>Protobuf messages cannot exceed 2 GB; bigger models store weights as external data.</summary>
    public const long MaximumBytes = int.MaxValue;

    private OnnxModelFile(string path, IReadOnlyList<ProtoField> fields, int graphIndex, IReadOnlyList<ProtoField> graphFields)
    {
        Path = path;
        Fields = fields;
        GraphFieldIndex = graphIndex;
        GraphFields = graphFields;
        Nodes = graphFields.Where(f => f.Number == OnnxGraphFields.Node).Select(OnnxNode.Parse).ToList();
        Initializers = graphFields.Where(f => f.Number == OnnxGraphFields.Initializer).Select(OnnxTensor.Parse).ToList();
        InputNames = ValueInfoNames(graphFields, OnnxGraphFields.Input);
        OutputNames = ValueInfoNames(graphFields, OnnxGraphFields.Output);
        OpsetDomains = fields.Where(f => f.Number == OnnxGraphFields.ModelOpsetImport).Select(OpsetDomain).ToList();
        SubgraphNames = NamesUsedInSubgraphs(Nodes);
    }

    public string Path { get; }

    /// <summary>The <c>ModelProto</c> fields in file order.</summary>
    public IReadOnlyList<ProtoField> Fields { get; }

    public int GraphFieldIndex { get; }

    /// <summary>The main <c>GraphProto</c>'s fields in file order.</summary>
    public IReadOnlyList<ProtoField> GraphFields { get; }

    public IReadOnlyList<OnnxNode> Nodes { get; }

    public IReadOnlyList<OnnxTensor> Initializers { get; }

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Domains of the operator sets the model imports (empty string for the standard one).</summary>
    public IReadOnlyList<string> OpsetDomains { get; }

    /// <summary>Every name the main graph's subgraphs (If/Loop bodies, any depth) use: values a rewrite must keep as they are.</summary>
    public IReadOnlySet<string> SubgraphNames { get; }

    /// <summary>Reads and splits a model file; anything that is not a readable, self-contained ONNX model throws <see cref="InvalidModelException"/>.</summary>
    public static OnnxModelFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InvalidModelException($"ONNX model '{path}' does not exist.", path);
        }

        if (info.Length > MaximumBytes)
        {
            throw new InvalidModelException(
                $"ONNX model '{path}' is {info.Length:N0} bytes, over the 2 GB protobuf limit, so it cannot be one self-contained " +
                "ONNX file. Models that large keep weights as external data, which ClipAudit does not support yet.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    public static OnnxModelFile Parse(ReadOnlyMemory<byte> bytes, string path)
    {
        OnnxModelFile model;
        try
        {
            var fields = ProtoReader.Fields(bytes);
            var graphIndex = -1;
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i].Number == OnnxGraphFields.ModelGraph)
                {
                    fields[i].Expect(ProtoWireType.LengthDelimited, "graph");
                    graphIndex = graphIndex < 0 ? i : throw new InvalidDataException("the model has more than one graph field.");
                }
                else if (fields[i].Number == OnnxGraphFields.ModelIrVersion)
                {
                    fields[i].Expect(ProtoWireType.Varint, "ir_version");
                }
            }

            if (graphIndex < 0 || !fields.Any(f => f.Number == OnnxGraphFields.ModelIrVersion))
            {
                throw new InvalidDataException("it has no ir_version and graph, which every ONNX ModelProto has.");
            }

            model = new OnnxModelFile(path, fields, graphIndex, ProtoReader.Fields(fields[graphIndex].Payload));
            if (model.Nodes.Count == 0)
            {
                throw new InvalidDataException("its graph has no nodes.");
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidModelException(
                $"'{path}' is not a readable ONNX model: {e.Message} Expected a ModelProto file such as onnx/vision_model.onnx " +
                "from a transformers.js / torch.onnx export; re-download or re-export it.", path, inner: e);
        }

        var external = model.Initializers.FirstOrDefault(t => t.IsExternal);
        if (external is not null)
        {
            throw new InvalidModelException(
                $"ONNX model '{path}' keeps tensor '{external.Name}' as external data (data_location = EXTERNAL); external-data models " +
                "are not supported yet. Save the model with its weights inside the .onnx file (under 2 GB) and try again.", path);
        }

        return model;
    }

    private static HashSet<string> NamesUsedInSubgraphs(IEnumerable<OnnxNode> nodes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var graph in node.Attributes.SelectMany(a => a.Subgraphs))
            {
                Collect(graph, names);
            }
        }

        return names;

        static void Collect(ReadOnlyMemory<byte> graph, HashSet<string> into)
        {
            var fields = ProtoReader.Fields(graph);
            into.UnionWith(ValueInfoNames(fields, OnnxGraphFields.Output));
            foreach (var node in fields.Where(f => f.Number == OnnxGraphFields.Node).Select(OnnxNode.Parse))
            {
                into.UnionWith(node.Inputs);
                foreach (var inner in node.Attributes.SelectMany(a => a.Subgraphs))
                {
                    Collect(inner, into);
                }
            }
        }
    }

    private static List<string> ValueInfoNames(IEnumerable<ProtoField> graphFields, int number) =>
        graphFields.Where(f => f.Number == number)
            .Select(f =>
            {
                f.Expect(ProtoWireType.LengthDelimited, "graph input/output");
                var name = ProtoReader.Fields(f.Payload).FirstOrDefault(v => v.Number == OnnxGraphFields.ValueInfoName);
                return name.Number == 0 ? "" : name.Text("value name");
            })
            .ToList();

    private static string OpsetDomain(ProtoField field)
    {
        field.Expect(ProtoWireType.LengthDelimited, "opset_import");
        var domain = ProtoReader.Fields(field.Payload).FirstOrDefault(f => f.Number == OnnxGraphFields.OpsetDomain);
        return domain.Number == 0 ? "" : domain.Text("opset domain");
    }
}
