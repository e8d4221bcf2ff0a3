using System.Buffers.Binary;
using System.Text;

namespace ClipAudit.Tools.Onnx;

/// <summary>Protobuf wire types; groups (3, 4) were never used by ONNX and are rejected.</summary>
internal enum ProtoWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}

/// <summary>
/// One field as it appears on the wire: its number and type, its value (<see cref="Scalar"/> for varint and fixed
/// types, <see cref="Payload"/> for length-delimited ones) and <see cref="Encoded"/>, the exact bytes of the whole
/// field (tag included), which a rewrite copies verbatim for everything it does not change.
/// </summary>
internal readonly record struct ProtoField(int Number, ProtoWireType WireType, ulong Scalar, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> Encoded)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public long Int64 => (long)Scalar;

    public float Float32 => BitConverter.Int32BitsToSingle((int)(uint)Scalar);

    /// <summary>The payload as UTF-8 text; invalid UTF-8 is a malformed file, not text to repair.</summary>
    public string Text(string what)
    {
        Expect(ProtoWireType.LengthDelimited, what);
        try
        {
            return StrictUtf8.GetString(Payload.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{what} is not valid UTF-8.", e);
        }
    }

    /// <summary>Fails when a known field arrives with another wire type, which only a corrupt or non-ONNX file does.</summary>
    public void Expect(ProtoWireType wireType, string what)
    {
        if (WireType != wireType)
        {
            throw new InvalidDataException($"{what} (field {Number}) has wire type {(int)WireType}, expected {(int)wireType}.");
        }
    }
}

/// <summary>
/// Splits a protobuf message into its fields without copying: every <see cref="ProtoField"/> slices the caller's
/// buffer. Malformed input (truncated varints or lengths, unknown wire types) throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class ProtoReader
{
    public static List<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var start = position;
            var tag = Varint(span, ref position);
            var number = tag >> 3;
            if (number == 0 || number > 536_870_911)
            {
                throw new InvalidDataException($"invalid field number {number} at byte {start}.");
            }

            var wireType = (ProtoWireType)(tag & 7);
            ulong scalar = 0;
            var payload = ReadOnlyMemory<byte>.Empty;
            switch (wireType)
            {
                case ProtoWireType.Varint:
                    scalar = Varint(span, ref position);
                    break;
                case ProtoWireType.Fixed64:
                    Need(span, position, 8, start);
                    scalar = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(position, 8));
                    position += 8;
                    break;
                case ProtoWireType.Fixed32:
                    Need(span, position, 4, start);
                    scalar = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(position, 4));
                    position += 4;
                    break;
                case ProtoWireType.LengthDelimited:
                    var length = Varint(span, ref position);
                    if (length > (ulong)(span.Length - position))
                    {
                        throw new InvalidDataException($"field {number} at byte {start} claims {length} bytes but only {span.Length - position} remain (truncated file?).");
                    }

                    payload = message.Slice(position, (int)length);
                    position += (int)length;
                    break;
                default:
                    throw new InvalidDataException($"unsupported wire type {(int)wireType} for field {number} at byte {start}.");
            }

            fields.Add(new ProtoField((int)number, wireType, scalar, payload, message[start..position]));
        }

        return fields;
    }

    /// <summary>Values of a repeated integer field, packed (one length-delimited run) or not (one varint per field).</summary>
    public static void Varints(ProtoField field, List<long> into)
    {
        if (field.WireType == ProtoWireType.Varint)
        {
            into.Add(field.Int64);
            return;
        }

        field.Expect(ProtoWireType.LengthDelimited, "packed integers");
        var span = field.Payload.Span;
        var position = 0;
        while (position < span.Length)
        {
            into.Add((long)Varint(span, ref position));
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new InvalidDataException($"truncated varint at byte {position}.");
            }

            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException($"varint longer than 10 bytes before byte {position}.");
    }

    private static void Need(ReadOnlySpan<byte> span, int position, int count, int fieldStart)
    {
        if (span.Length - position < count)
        {
            throw new InvalidDataException($"field at byte {fieldStart} is truncated.");
        }
    }
}
