using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ClipAudit.Tools.Onnx;

/// <summary>
/// The few protobuf wire-format primitives needed to write ONNX messages (varints, 32-bit floats and
/// length-delimited fields), so models are built and rewritten with no protobuf or Python dependency.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public ProtoWriter()
        : this(256)
    {
    }

    /// <summary>Starts with room for <paramref name="capacity"/> bytes, so a large tensor is not copied while growing.</summary>
    public ProtoWriter(int capacity) => _buffer = new ArrayBufferWriter<byte>(Math.Max(capacity, 16));

    /// <summary>What was written so far; valid until the next write.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, ProtoWireType.Varint);
        Varint((ulong)value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, ProtoWireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message._buffer.WrittenSpan);

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        LengthPrefix(field, value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>
    /// Writes only the tag and length of a length-delimited field whose <paramref name="length"/> bytes the caller
    /// writes elsewhere (a graph streamed to a file piece by piece).
    /// </summary>
    public ProtoWriter LengthPrefix(int field, long length)
    {
        Tag(field, ProtoWireType.LengthDelimited);
        Varint((ulong)length);
        return this;
    }

    /// <summary>Appends bytes that are already a complete encoding (fields kept verbatim from a parsed message).</summary>
    public ProtoWriter Raw(ReadOnlySpan<byte> encoded)
    {
        _buffer.Write(encoded);
        return this;
    }

    private void Tag(int field, ProtoWireType wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var count = 0;
        while (value >= 0x80)
        {
            span[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[count++] = (byte)value;
        _buffer.Advance(count);
    }
}
