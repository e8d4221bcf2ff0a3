using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClipAudit.Imaging;

/// <summary>
/// Pillow's two 8-bit resampling passes (ImagingResampleHorizontal/Vertical_8bpc) with AVX2, for any filter (they only
/// read the fixed-point weights, bicubic or bilinear). The arithmetic is Pillow's:
/// 32-bit integer products of bytes and 22-bit weights, summed onto the same rounding constant, shifted and clamped.
/// Integer addition is associative and no sum can overflow (|Σ weights| · 255 &lt; 2^31), so the different summation
/// order gives the same bits as the scalar port in <see cref="PillowResample"/>; the tests compare the two directly.
/// </summary>
internal static class ResampleVectorPasses
{
    private const int PrecisionBits = ResampleCoefficients.PrecisionBits;

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// Horizontal pass over rows firstRow.. of <paramref name="input"/>. Each source row is widened once to int lanes
    /// (RGB padded to 4 lanes per pixel); an output pixel is then whole 8-lane vectors of widened pixels times its
    /// lane-expanded weights, reduced to one sum per channel.
    /// </summary>
    public static void Horizontal(PixelBuffer input, int firstRow, ResampleCoefficients coefficients, PixelBuffer output)
    {
        var channels = input.Channels;
        var lanes = channels == 3 ? 4 : channels;
        var table = coefficients.Lanes(lanes);
        var vectors = coefficients.VectorsPerOutput(lanes);
        var used = input.Width * lanes;
        var rowLength = (input.Width + (vectors * (8 / lanes))) * lanes;
        if (output.Width > coefficients.Min.Length || firstRow + output.Height > input.Height)
        {
            throw new ArgumentException("The coefficients or rows do not cover the output.", nameof(output));
        }

        // Two source rows share each output pixel's weights: the weight table is read once per pair of rows.
        var rows = ArrayPool<int>.Shared.Rent(2 * rowLength);
        try
        {
            // Padded taps have zero weights but are still read: keep them inside the array and finite.
            rows.AsSpan(used, rowLength - used).Clear();
            rows.AsSpan(rowLength + used, rowLength - used).Clear();
            ref var firstRef = ref MemoryMarshal.GetArrayDataReference(rows);
            ref var secondRef = ref Unsafe.Add(ref firstRef, rowLength);
            ref var tableRef = ref MemoryMarshal.GetArrayDataReference(table);
            var outData = output.Data;
            var rounding = Vector128.Create(1 << (PrecisionBits - 1));
            for (var y = 0; y < output.Height; y += 2)
            {
                var pair = y + 1 < output.Height;
                Widen(input, firstRow + y, rows, 0);
                if (pair)
                {
                    Widen(input, firstRow + y + 1, rows, rowLength);
                }

                var outOffset = y * output.Stride;
                var rowEnd = outOffset + output.Stride;
                for (var xx = 0; xx < output.Width; xx++, outOffset += channels)
                {
                    var start = coefficients.Min[xx] * lanes;
                    ref var weights = ref Unsafe.Add(ref tableRef, xx * vectors * 8);
                    var sum = Vector256<int>.Zero;
                    var sumNext = Vector256<int>.Zero;
                    for (var v = 0; v < vectors; v++)
                    {
                        var offset = (nuint)(start + (v * 8));
                        var w = Vector256.LoadUnsafe(ref weights, (nuint)(v * 8));
                        sum = Avx2.Add(sum, Avx2.MultiplyLow(Vector256.LoadUnsafe(ref firstRef, offset), w));
                        sumNext = Avx2.Add(sumNext, Avx2.MultiplyLow(Vector256.LoadUnsafe(ref secondRef, offset), w));
                    }

                    Store(outData, outOffset, rowEnd, channels, Clip8(Sse2.ShiftRightArithmetic(Sse2.Add(Reduce(sum, lanes), rounding), PrecisionBits)));
                    if (pair)
                    {
                        var next = outOffset + output.Stride;
                        Store(outData, next, rowEnd + output.Stride, channels, Clip8(Sse2.ShiftRightArithmetic(Sse2.Add(Reduce(sumNext, lanes), rounding), PrecisionBits)));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    /// <summary>Vertical pass, 16 bytes of an output row at a time; <paramref name="rowOffset"/> is subtracted from the row bounds.</summary>
    public static void Vertical(PixelBuffer input, int columnOffset, int rowOffset, ResampleCoefficients coefficients, PixelBuffer output)
    {
        var channels = input.Channels;
        var rowLength = output.Width * channels;
        if (rowLength < Vector128<byte>.Count)
        {
            PillowResample.VerticalPass(input, columnOffset, rowOffset, coefficients, output);
            return;
        }

        if (columnOffset + output.Width > input.Width || output.Height > coefficients.Min.Length)
        {
            throw new ArgumentException("The input or coefficients do not cover the output.", nameof(output));
        }

        var ksize = coefficients.KernelSize;
        var stride = input.Stride;
        ref var inRef = ref MemoryMarshal.GetArrayDataReference(input.Data);
        ref var outRef = ref MemoryMarshal.GetArrayDataReference(output.Data);
        var rounding = Vector256.Create(1 << (PrecisionBits - 1));
        for (var yy = 0; yy < output.Height; yy++)
        {
            var ymin = coefficients.Min[yy] - rowOffset;
            var count = coefficients.Count[yy];
            if (ymin < 0 || ymin + count > input.Height)
            {
                throw new ArgumentException($"Output row {yy} reads rows {ymin}..{ymin + count} of {input.Height}.", nameof(input));
            }

            var weights = coefficients.Fixed.AsSpan(yy * ksize, count);
            var rowStart = (ymin * stride) + (columnOffset * channels);
            var outStart = yy * output.Stride;
            for (var i = 0; ; i += Vector128<byte>.Count)
            {
                // The last block overlaps the one before when the row is not a multiple of 16: same bytes, same values.
                i = Math.Min(i, rowLength - Vector128<byte>.Count);
                var low = rounding;
                var high = rounding;
                ref var p = ref Unsafe.Add(ref inRef, rowStart + i);
                for (var y = 0; y < weights.Length; y++)
                {
                    var weight = Vector256.Create(weights[y]);
                    var bytes = Vector128.LoadUnsafe(ref Unsafe.Add(ref p, y * stride));
                    low = Avx2.Add(low, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(bytes), weight));
                    high = Avx2.Add(high, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(bytes, 8)), weight));
                }

                Pack16(Avx2.ShiftRightArithmetic(low, PrecisionBits), Avx2.ShiftRightArithmetic(high, PrecisionBits))
                    .StoreUnsafe(ref Unsafe.Add(ref outRef, outStart + i));
                if (i == rowLength - Vector128<byte>.Count)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Row <paramref name="y"/> as ints from <paramref name="at"/> on, <c>lanes</c> per pixel (RGB gets a zero fourth lane).</summary>
    private static void Widen(PixelBuffer input, int y, int[] rows, int at)
    {
        var data = input.Data;
        var start = y * input.Stride;
        var row = rows.AsSpan(at);
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        ref var dataRef = ref MemoryMarshal.GetArrayDataReference(data);
        if (input.Channels != 3)
        {
            var length = input.Stride;
            var j = 0;
            for (; j + 8 <= length; j += 8)
            {
                var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dataRef, start + j))).AsByte();
                Avx2.ConvertToVector256Int32(bytes).StoreUnsafe(ref rowRef, (nuint)j);
            }

            for (; j < length; j++)
            {
                row[j] = data[start + j];
            }

            return;
        }

        var mask = Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
        var x = 0;
        for (; x + 4 <= input.Width && start + (x * 3) + 16 <= data.Length; x += 4)
        {
            var rgbx = Ssse3.Shuffle(Vector128.LoadUnsafe(ref dataRef, (nuint)(start + (x * 3))), mask);
            Avx2.ConvertToVector256Int32(rgbx).StoreUnsafe(ref rowRef, (nuint)(x * 4));
            Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(rgbx, 8)).StoreUnsafe(ref rowRef, (nuint)((x * 4) + 8));
        }

        for (; x < input.Width; x++)
        {
            row[x * 4] = data[start + (x * 3)];
            row[(x * 4) + 1] = data[start + (x * 3) + 1];
            row[(x * 4) + 2] = data[start + (x * 3) + 2];
            row[(x * 4) + 3] = 0;
        }
    }

    /// <summary>Sums the 8 lanes into one per channel: lanes 0..P−1 of the result.</summary>
    private static Vector128<int> Reduce(Vector256<int> sum, int lanes)
    {
        var half = Sse2.Add(sum.GetLower(), sum.GetUpper());
        if (lanes == 4)
        {
            return half;
        }

        half = Sse2.Add(half, Sse2.Shuffle(half, 0b01_00_11_10));
        return lanes == 2 ? half : Sse2.Add(half, Sse2.Shuffle(half, 0b10_11_00_01));
    }

    /// <summary>Pillow's clip8 on 4 shifted sums: saturate to int16, then to 0..255; bytes 0..3 of the result.</summary>
    private static Vector128<byte> Clip8(Vector128<int> shifted)
    {
        var words = Sse2.PackSignedSaturate(shifted, shifted);
        return Sse2.PackUnsignedSaturate(words, words);
    }

    private static void Store(byte[] data, int offset, int rowEnd, int channels, Vector128<byte> clipped)
    {
        ref var target = ref MemoryMarshal.GetArrayDataReference(data);
        if (channels >= 3 && offset + 4 <= rowEnd)
        {
            // RGB writes a fourth byte into the next pixel's slot, which that pixel overwrites afterwards; never past the row.
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, offset), clipped.AsUInt32().ToScalar());
            return;
        }

        for (var c = 0; c < channels; c++)
        {
            data[offset + c] = clipped.GetElement(c);
        }
    }

    /// <summary>16 shifted sums (8 + 8, in order) to 16 clipped bytes in order.</summary>
    private static Vector128<byte> Pack16(Vector256<int> low, Vector256<int> high)
    {
        // packs work per 128-bit lane: [l0-3 h0-3 | l4-7 h4-7] → reorder the 64-bit blocks to l0-7 h0-7.
        var words = Avx2.Permute4x64(Avx2.PackSignedSaturate(low, high).AsInt64(), 0b11_01_10_00).AsInt16();
        return Sse2.PackUnsignedSaturate(words.GetLower(), words.GetUpper());
    }
}
