using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClipAudit.Imaging;

/// <summary>
/// 8-bit crop → normalised float32 CHW, with each reference's exact float operations precomputed per byte value.
/// RGB(A) crops take a vectorised path computing ((v / d) − mean) / std in float32 for 8 pixels at once; it is used
/// only when, run over every byte value 0..255 of every channel, it reproduces the lookup table bit for bit, which
/// checks it exhaustively (each output depends on one byte only). Otherwise the table is read per pixel.
/// </summary>
internal sealed class TensorNormalizer
{
    private static readonly Vector128<byte>[] Rgb8 =
    [
        Vector128.Create((byte)0, 3, 6, 9, 12, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
        Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 10, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
        Vector128.Create((byte)1, 4, 7, 10, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
        Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 8, 11, 14, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
        Vector128.Create((byte)2, 5, 8, 11, 14, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
        Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 9, 12, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
    ];

    private readonly float[] lookup;
    private readonly float divisor;
    private readonly float[] mean;
    private readonly float[] std;

    private TensorNormalizer(PreprocessConfig config)
    {
        lookup = BuildLookup(config);
        divisor = (float)(1.0 / config.RescaleFactor);
        mean = [.. config.Mean];
        std = [.. config.Std];
        Vectorised = Avx2.IsSupported && ReproducesLookup();
    }

    /// <summary>Whether RGB(A) crops take the vectorised path (AVX2, and it matched the table on every byte value).</summary>
    public bool Vectorised { get; }

    public static TensorNormalizer Create(PreprocessConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new TensorNormalizer(config);
    }

    /// <summary>
    /// 3 × 256 values: channel c, byte v → ((v rescaled) − mean[c]) / std[c], all in float32 as torch/numpy do.
    /// openai (torchvision ToTensor) divides by 255 in float32; HF rescales as float64(v) × rescale_factor, then casts.
    /// </summary>
    public static float[] BuildLookup(PreprocessConfig config)
    {
        var table = new float[3 * 256];
        var divisor = (float)(1.0 / config.RescaleFactor);
        for (var c = 0; c < 3; c++)
        {
            var mean = config.Mean[c];
            var std = config.Std[c];
            for (var v = 0; v < 256; v++)
            {
                var scaled = config.Mode == PreprocessMode.OpenAI ? v / divisor : (float)(v * config.RescaleFactor);
                table[(c * 256) + v] = (scaled - mean) / std;
            }
        }

        return table;
    }

    /// <summary>Writes planes R, G, B; gray crops (1 or 2 channels) are replicated as PIL's convert('RGB') does, alpha is dropped.</summary>
    public void WriteChw(PixelBuffer crop, Span<float> destination)
    {
        var done = Vectorised && crop.Channels >= 3 ? WriteChwVector(crop, destination, this) : 0;
        WriteChwLookup(crop, destination, done);
    }

    /// <summary>The table path for pixels start.. (all of them with start 0): the reference for the vectorised one.</summary>
    internal void WriteChwLookup(PixelBuffer crop, Span<float> destination, int start = 0)
    {
        var plane = crop.Width * crop.Height;
        var channels = crop.Channels;
        var data = crop.Data;
        var colour = channels >= 3;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 3 * plane, nameof(destination));
        for (var i = start; i < plane; i++)
        {
            var p = i * channels;
            byte r = data[p], g = colour ? data[p + 1] : r, b = colour ? data[p + 2] : r;
            destination[i] = lookup[r];
            destination[plane + i] = lookup[256 + g];
            destination[(2 * plane) + i] = lookup[512 + b];
        }
    }

    /// <summary>Whole groups of 8 pixels of a 3- or 4-channel crop; returns how many pixels were written.</summary>
    private static int WriteChwVector(PixelBuffer crop, Span<float> destination, TensorNormalizer n)
    {
        var plane = crop.Width * crop.Height;
        var channels = crop.Channels;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 3 * plane, nameof(destination));
        ArgumentOutOfRangeException.ThrowIfLessThan(crop.Data.Length, plane * channels, nameof(crop));
        ref var source = ref MemoryMarshal.GetArrayDataReference(crop.Data);
        ref var target = ref MemoryMarshal.GetReference(destination);
        var divisor = Vector256.Create(n.divisor);
        Span<Vector256<float>> mean = [Vector256.Create(n.mean[0]), Vector256.Create(n.mean[1]), Vector256.Create(n.mean[2])];
        Span<Vector256<float>> std = [Vector256.Create(n.std[0]), Vector256.Create(n.std[1]), Vector256.Create(n.std[2])];
        var i = 0;
        for (; i + 8 <= plane; i += 8)
        {
            ref var pixels = ref Unsafe.Add(ref source, i * channels);
            // Pixels 0-3 (or 0-5 of RGB) from the first 16 bytes, the rest from the next load; no byte past pixel 7 is read.
            var first = Vector128.LoadUnsafe(ref pixels);
            var second = Vector128.LoadUnsafe(ref pixels, (nuint)(channels == 3 ? 8 : 16));
            for (var c = 0; c < 3; c++)
            {
                var bytes = channels == 3
                    ? Sse2.Or(Ssse3.Shuffle(first, Rgb8[2 * c]), Ssse3.Shuffle(second, Rgb8[(2 * c) + 1]))
                    : Rgba8(first, second, c);
                var values = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(bytes));
                var normalised = Avx.Divide(Avx.Subtract(Avx.Divide(values, divisor), mean[c]), std[c]);
                normalised.StoreUnsafe(ref Unsafe.Add(ref target, (c * plane) + i));
            }
        }

        return i;
    }

    /// <summary>Channel <paramref name="c"/> of 8 RGBA pixels (4 in each vector) as the low 8 bytes.</summary>
    private static Vector128<byte> Rgba8(Vector128<byte> first, Vector128<byte> second, int c)
    {
        var low = Vector128.Create((byte)c, (byte)(c + 4), (byte)(c + 8), (byte)(c + 12), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        var high = Vector128.Create(0x80, 0x80, 0x80, 0x80, (byte)c, (byte)(c + 4), (byte)(c + 8), (byte)(c + 12), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        return Sse2.Or(Ssse3.Shuffle(first, low), Ssse3.Shuffle(second, high));
    }

    /// <summary>Runs the vectorised path on every byte value in every channel and compares it with the table.</summary>
    private bool ReproducesLookup()
    {
        var bytes = new byte[256 * 3];
        for (var v = 0; v < 256; v++)
        {
            bytes[3 * v] = bytes[(3 * v) + 1] = bytes[(3 * v) + 2] = (byte)v;
        }

        var tensor = new float[3 * 256];
        var written = WriteChwVector(PixelBuffer.Wrap(bytes, 256, 1, 3), tensor, this);
        return written == 256 && MemoryMarshal.AsBytes(tensor.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(lookup.AsSpan()));
    }
}
