using ClipAudit.Tools.Onnx;

namespace ClipAudit.Tools.Demo;

/// <summary>
/// A minimal ONNX graph builder (opset 17): float/int64 initializers, nodes with int/ints/float attributes, and
/// graph inputs/outputs with symbolic or fixed dimensions. Field numbers follow onnx/onnx.proto.
/// </summary>
internal sealed class OnnxGraph(string name)
{
    public const int Float32 = OnnxDataType.Float;
    public const int Int64 = OnnxDataType.Int64;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ReadOnlyMemory<byte>> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private int _nodeCount;

    public string Initializer(string tensorName, float[] values, params long[] dims)
    {
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        _initializers.Add(OnnxTensor.Encode(tensorName, Float32, dims, raw));
        return tensorName;
    }

    public string Initializer(string tensorName, long[] values, params long[] dims)
    {
        var raw = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        _initializers.Add(OnnxTensor.Encode(tensorName, Int64, dims, raw));
        return tensorName;
    }

    public void Input(string tensorName, int elementType, params object[] dims) => _inputs.Add(ValueInfo(tensorName, elementType, dims));

    public void Output(string tensorName, int elementType, params object[] dims) => _outputs.Add(ValueInfo(tensorName, elementType, dims));

    /// <summary>Adds a node; attributes are (name, value) with value an int/long, float, or long[].</summary>
    public string Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output).String(3, $"{opType}_{_nodeCount++}").String(4, opType);
        foreach (var (attrName, value) in attributes)
        {
            node.Message(5, Attribute(attrName, value));
        }

        _nodes.Add(node);
        return output;
    }

    public byte[] ToModelBytes(string producer)
    {
        var graph = new ProtoWriter();
        _nodes.ForEach(n => graph.Message(1, n));
        graph.String(2, name);
        _initializers.ForEach(t => graph.Raw(t.Span));
        _inputs.ForEach(i => graph.Message(11, i));
        _outputs.ForEach(o => graph.Message(12, o));
        var opset = new ProtoWriter().String(1, "").Int(2, 17);
        return new ProtoWriter().Int(1, 8).String(2, producer).Message(7, graph).Message(8, opset).ToArray();
    }

    private static ProtoWriter Attribute(string attrName, object value)
    {
        var attribute = new ProtoWriter().String(1, attrName);
        return value switch
        {
            int i => attribute.Int(3, i).Int(20, 2),
            long l => attribute.Int(3, l).Int(20, 2),
            float f => attribute.Float(2, f).Int(20, 1),
            long[] ls => ls.Aggregate(attribute, (a, v) => a.Int(8, v)).Int(20, 7),
            _ => throw new ArgumentException($"Unsupported attribute type {value.GetType().Name}.", nameof(value)),
        };
    }

    private static ProtoWriter ValueInfo(string tensorName, int elementType, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var dim in dims)
        {
            var d = new ProtoWriter();
            _ = dim is string symbol ? d.String(2, symbol) : d.Int(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
            shape.Message(1, d);
        }

        var tensorType = new ProtoWriter().Int(1, elementType).Message(2, shape);
        var type = new ProtoWriter().Message(1, tensorType);
        return new ProtoWriter().String(1, tensorName).Message(2, type);
    }
}
