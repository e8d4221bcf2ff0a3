using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClipAudit.Errors;

namespace ClipAudit.Imaging;

/// <summary>Reads and writes little-endian float32 arrays in NumPy's .npy format (version 1.0, C order).</summary>
internal static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void Write(string path, ReadOnlySpan<float> data, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long expected = 1;
        foreach (var d in shape)
        {
            expected *= d;
        }

        if (expected != data.Length)
        {
            throw new ArgumentException($"Shape ({string.Join(',', shape)}) holds {expected} values but {data.Length} were given.", nameof(shape));
        }

        var shapeText = shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Header (magic + version + length + dict + '\n') is padded with spaces to a multiple of 64 bytes.
        var total = Magic.Length + 2 + 2 + header.Length + 1;
        header += new string(' ', (64 - (total % 64)) % 64) + "\n";

        using var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var bytes = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }

        stream.Write(bytes);
    }

    public static (float[] Data, int[] Shape) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidConfigException($"'{path}' is not a .npy file (it does not start with \\x93NUMPY). Pass a file written by numpy.save.", path);
        }

        int headerLength, offset;
        if (bytes[6] == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            offset = 10;
        }
        else
        {
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
            offset = 12;
        }

        var header = Encoding.ASCII.GetString(bytes, offset, headerLength);
        if (!header.Contains("'<f4'", StringComparison.Ordinal) || header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new InvalidConfigException($"'{path}' holds {header.Trim()}; only little-endian float32 ('<f4') in C order is supported.", path);
        }

        var match = ShapePattern().Match(header);
        var shape = match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var dataOffset = offset + headerLength;
        if (bytes.Length - dataOffset != count * sizeof(float))
        {
            throw new InvalidConfigException($"'{path}' declares shape ({string.Join(',', shape)}) but holds {(bytes.Length - dataOffset) / 4} floats.", path);
        }

        var data = new float[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataOffset + (i * sizeof(float))));
        }

        return (data, shape);
    }

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
