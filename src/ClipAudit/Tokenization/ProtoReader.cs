using System.Buffers.Binary;
using System.Text;

namespace ClipAudit.Tokenization;

/// <summary>
/// A minimal reader of the protobuf wire format (varint, 64-bit, length-delimited, 32-bit), enough for a
/// SentencePiece <c>ModelProto</c>. Throws <see cref="FormatException"/> on truncated or malformed input.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> bytes)
{
    public const int VarintType = 0;
    public const int Fixed64Type = 1;
    public const int LengthDelimitedType = 2;
    public const int Fixed32Type = 5;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    /// <summary>Reads the next field's key; false at the end of the message.</summary>
    public bool Next(out int field, out int wireType)
    {
        if (_position >= _bytes.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        var key = Varint();
        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        if (field <= 0)
        {
            throw new FormatException($"invalid protobuf field number {field} at byte {_position}.");
        }

        return true;
    }

    /// <summary>A varint as 64 bits; an int32 field read through <c>(int)</c> recovers negative values (e.g. bos_id -1).</summary>
    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _bytes.Length)
            {
                throw new FormatException("truncated varint.");
            }

            var b = _bytes[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException($"varint longer than 10 bytes at byte {_position}.");
    }

    public ReadOnlySpan<byte> Bytes()
    {
        var length = Varint();
        if (length > (ulong)(_bytes.Length - _position))
        {
            throw new FormatException($"length {length} at byte {_position} runs past the end of the data.");
        }

        var slice = _bytes.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    public float Float() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case VarintType:
                Varint();
                break;
            case Fixed64Type:
                Take(8);
                break;
            case LengthDelimitedType:
                Bytes();
                break;
            case Fixed32Type:
                Take(4);
                break;
            default:
                throw new FormatException($"unsupported protobuf wire type {wireType} at byte {_position}.");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_bytes.Length - _position < count)
        {
            throw new FormatException($"truncated {count}-byte field at byte {_position}.");
        }

        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }
}
