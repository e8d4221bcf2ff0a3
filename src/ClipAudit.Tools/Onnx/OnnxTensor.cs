using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ClipAudit.Tools.Onnx;

/// <summary>ONNX <c>TensorProto.DataType</c> values this code reads or writes (onnx/onnx.proto).</summary>
internal static class OnnxDataType
{
    public const int Float = 1;
    public const int UInt8 = 2;
    public const int Int8 = 3;
    public const int Int64 = 7;
}

/// <summary>
/// A <c>TensorProto</c> (an initializer) read as far as a rewrite needs: name, type, shape and where its values are.
/// The values stay in the file's buffer until <see cref="ReadFloats"/> is called.
/// </summary>
internal sealed class OnnxTensor
{
    private const int DimsField = 1;
    private const int DataTypeField = 2;
    private const int FloatDataField = 4;
    private const int NameField = 8;
    private const int RawDataField = 9;
    private const int DataLocationField = 14;
    private const int ExternalLocation = 1;

    private readonly List<ProtoField> _floatData;

    private OnnxTensor(ProtoField field, string name, int dataType, IReadOnlyList<long> dims, ReadOnlyMemory<byte>? rawData, List<ProtoField> floatData, bool external)
    {
        Field = field;
        Name = name;
        DataType = dataType;
        Dims = dims;
        RawData = rawData;
        _floatData = floatData;
        IsExternal = external;
    }

    /// <summary>The initializer field as it was in the file (tag included).</summary>
    public ProtoField Field { get; }

    public string Name { get; }

    public int DataType { get; }

    public IReadOnlyList<long> Dims { get; }

    public ReadOnlyMemory<byte>? RawData { get; }

    /// <summary>True when the values live in a side file (<c>data_location = EXTERNAL</c>).</summary>
    public bool IsExternal { get; }

    public bool IsFloat => DataType == OnnxDataType.Float;

    public static OnnxTensor Parse(ProtoField field)
    {
        field.Expect(ProtoWireType.LengthDelimited, "initializer");
        string name = "";
        var dataType = 0;
        var dims = new List<long>();
        ReadOnlyMemory<byte>? raw = null;
        var floatData = new List<ProtoField>();
        var external = false;
        foreach (var f in ProtoReader.Fields(field.Payload))
        {
            switch (f.Number)
            {
                case DimsField:
                    ProtoReader.Varints(f, dims);
                    break;
                case DataTypeField:
                    f.Expect(ProtoWireType.Varint, "tensor data_type");
                    dataType = (int)f.Int64;
                    break;
                case NameField:
                    name = f.Text("tensor name");
                    break;
                case RawDataField:
                    f.Expect(ProtoWireType.LengthDelimited, "tensor raw_data");
                    raw = f.Payload;
                    break;
                case FloatDataField:
                    floatData.Add(f);
                    break;
                case DataLocationField:
                    f.Expect(ProtoWireType.Varint, "tensor data_location");
                    external = f.Int64 == ExternalLocation;
                    break;
                default:
                    break;
            }
        }

        return new OnnxTensor(field, name, dataType, dims, raw, floatData, external);
    }

    /// <summary>Number of elements the shape implies.</summary>
    public long ElementCount => Dims.Aggregate(1L, (product, d) => d < 0 ? -1 : checked(product * d));

    /// <summary>
    /// The values of a float tensor, from <c>raw_data</c> (little-endian float32) or from <c>float_data</c> (packed or
    /// not). A count that disagrees with the shape throws <see cref="InvalidDataException"/>.
    /// </summary>
    public float[] ReadFloats()
    {
        if (!IsFloat)
        {
            throw new InvalidOperationException($"Tensor '{Name}' has data type {DataType}, not float.");
        }

        var count = ElementCount;
        if (count < 0 || count > Array.MaxLength)
        {
            throw new InvalidDataException($"tensor '{Name}' has an invalid shape [{string.Join(", ", Dims)}].");
        }

        var values = new float[count];
        if (RawData is { } raw)
        {
            if (raw.Length != count * sizeof(float))
            {
                throw new InvalidDataException($"tensor '{Name}' has shape [{string.Join(", ", Dims)}] ({count} floats) but {raw.Length} bytes of raw_data.");
            }

            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, float>(raw.Span).CopyTo(values);
            }
            else
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Span.Slice(i * 4, 4));
                }
            }

            return values;
        }

        var written = 0;
        foreach (var f in _floatData)
        {
            if (f.WireType == ProtoWireType.Fixed32)
            {
                Put(values, ref written, f.Float32);
                continue;
            }

            f.Expect(ProtoWireType.LengthDelimited, $"float_data of tensor '{Name}'");
            var packed = f.Payload.Span;
            if (packed.Length % 4 != 0)
            {
                throw new InvalidDataException($"packed float_data of tensor '{Name}' is {packed.Length} bytes, not a multiple of 4.");
            }

            for (var i = 0; i < packed.Length; i += 4)
            {
                Put(values, ref written, BinaryPrimitives.ReadSingleLittleEndian(packed.Slice(i, 4)));
            }
        }

        if (written != count)
        {
            throw new InvalidDataException($"tensor '{Name}' has shape [{string.Join(", ", Dims)}] ({count} floats) but {written} values in float_data.");
        }

        return values;

        void Put(float[] into, ref int index, float value)
        {
            if (index >= into.Length)
            {
                throw new InvalidDataException($"tensor '{Name}' has more float_data values than its shape [{string.Join(", ", Dims)}] holds.");
            }

            into[index++] = value;
        }
    }

    /// <summary>
    /// The values of a float tensor stored in <c>raw_data</c>, viewed in place (no copy) on little-endian machines;
    /// false for <c>float_data</c> tensors, which <see cref="ReadFloats"/> reads.
    /// </summary>
    public bool TryViewRawFloats(out ReadOnlySpan<float> values)
    {
        values = default;
        if (!IsFloat || RawData is not { } raw || !BitConverter.IsLittleEndian || raw.Length != ElementCount * sizeof(float))
        {
            return false;
        }

        values = MemoryMarshal.Cast<byte, float>(raw.Span);
        return true;
    }

    /// <summary>
    /// Encodes a new initializer field (field 5 of GraphProto) holding <paramref name="raw"/> little-endian values,
    /// straight into one buffer of its final size (weights are megabytes; no intermediate copy).
    /// </summary>
    public static ReadOnlyMemory<byte> Encode(string name, int dataType, IReadOnlyList<long> dims, ReadOnlySpan<byte> raw)
    {
        var header = new ProtoWriter();
        foreach (var d in dims)
        {
            header.Int(DimsField, d);
        }

        header.Int(DataTypeField, dataType).String(NameField, name);
        var rawPrefix = new ProtoWriter().LengthPrefix(RawDataField, raw.Length).Written;
        long length = header.Written.Length + rawPrefix.Length + raw.Length;
        return new ProtoWriter((int)Math.Min(int.MaxValue, length + 16))
            .LengthPrefix(OnnxGraphFields.Initializer, length)
            .Raw(header.Written.Span)
            .Raw(rawPrefix.Span)
            .Raw(raw)
            .Written;
    }
}
