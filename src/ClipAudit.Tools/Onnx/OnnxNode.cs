namespace ClipAudit.Tools.Onnx;

/// <summary>An <c>AttributeProto</c> read as far as a rewrite needs: its scalar value and any subgraphs it holds.</summary>
internal sealed record OnnxAttribute(string Name, long? Int, float? Float, IReadOnlyList<ReadOnlyMemory<byte>> Subgraphs);

/// <summary>
/// A <c>NodeProto</c> read as far as a rewrite needs; <see cref="Field"/> keeps its exact bytes so an unchanged node is
/// written back verbatim.
/// </summary>
internal sealed class OnnxNode
{
    private const int InputField = 1;
    private const int OutputField = 2;
    private const int NameField = 3;
    private const int OpTypeField = 4;
    private const int AttributeField = 5;
    private const int DomainField = 7;

    private const int AttributeNameField = 1;
    private const int AttributeFloatField = 2;
    private const int AttributeIntField = 3;
    private const int AttributeGraphField = 6;
    private const int AttributeGraphsField = 11;

    private OnnxNode(ProtoField field, string name, string opType, string domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, IReadOnlyList<OnnxAttribute> attributes)
    {
        Field = field;
        Name = name;
        OpType = opType;
        Domain = domain;
        Inputs = inputs;
        Outputs = outputs;
        Attributes = attributes;
    }

    public ProtoField Field { get; }

    public string Name { get; }

    public string OpType { get; }

    /// <summary>Operator set domain; empty (or <c>ai.onnx</c>) is the standard one.</summary>
    public string Domain { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    public IReadOnlyList<OnnxAttribute> Attributes { get; }

    public bool IsStandard(string opType) => OpType == opType && Domain is "" or "ai.onnx";

    public OnnxAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public static OnnxNode Parse(ProtoField field)
    {
        field.Expect(ProtoWireType.LengthDelimited, "node");
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        string name = "", opType = "", domain = "";
        foreach (var f in ProtoReader.Fields(field.Payload))
        {
            switch (f.Number)
            {
                case InputField:
                    inputs.Add(f.Text("node input"));
                    break;
                case OutputField:
                    outputs.Add(f.Text("node output"));
                    break;
                case NameField:
                    name = f.Text("node name");
                    break;
                case OpTypeField:
                    opType = f.Text("node op_type");
                    break;
                case DomainField:
                    domain = f.Text("node domain");
                    break;
                case AttributeField:
                    f.Expect(ProtoWireType.LengthDelimited, "node attribute");
                    attributes.Add(ParseAttribute(f.Payload));
                    break;
                default:
                    break;
            }
        }

        return new OnnxNode(field, name, opType, domain, inputs, outputs, attributes);
    }

    /// <summary>Encodes a new node field (field 1 of GraphProto) in the field order protobuf serialisers use.</summary>
    public static ReadOnlyMemory<byte> Encode(string name, string opType, string domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(InputField, input);
        }

        foreach (var output in outputs)
        {
            node.String(OutputField, output);
        }

        node.String(NameField, name).String(OpTypeField, opType);
        if (domain.Length > 0)
        {
            node.String(DomainField, domain);
        }

        return new ProtoWriter().Message(OnnxGraphFields.Node, node).Written;
    }

    private static OnnxAttribute ParseAttribute(ReadOnlyMemory<byte> payload)
    {
        string name = "";
        long? integer = null;
        float? real = null;
        var subgraphs = new List<ReadOnlyMemory<byte>>();
        foreach (var f in ProtoReader.Fields(payload))
        {
            switch (f.Number)
            {
                case AttributeNameField:
                    name = f.Text("attribute name");
                    break;
                case AttributeIntField:
                    f.Expect(ProtoWireType.Varint, "attribute i");
                    integer = f.Int64;
                    break;
                case AttributeFloatField:
                    f.Expect(ProtoWireType.Fixed32, "attribute f");
                    real = f.Float32;
                    break;
                case AttributeGraphField:
                case AttributeGraphsField:
                    f.Expect(ProtoWireType.LengthDelimited, "attribute graph");
                    subgraphs.Add(f.Payload);
                    break;
                default:
                    break;
            }
        }

        return new OnnxAttribute(name, integer, real, subgraphs);
    }
}
