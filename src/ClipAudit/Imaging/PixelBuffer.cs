using System.Buffers;

namespace ClipAudit.Imaging;

/// <summary>
/// 8-bit interleaved pixels (1 to 4 channels) in a pooled array. Owned by one preprocessing call;
/// <see cref="Return"/> gives the array back to the pool.
/// </summary>
internal sealed class PixelBuffer
{
    private PixelBuffer(byte[] data, int width, int height, int channels, bool pooled)
    {
        Data = data;
        Width = width;
        Height = height;
        Channels = channels;
        Pooled = pooled;
    }

    /// <summary>Row-major pixels; may be longer than <see cref="Stride"/> × <see cref="Height"/> when pooled.</summary>
    public byte[] Data { get; }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    public int Stride => Width * Channels;

    private bool Pooled { get; }

    public static PixelBuffer Rent(int width, int height, int channels)
    {
        var length = checked(width * height * channels);
        return new PixelBuffer(ArrayPool<byte>.Shared.Rent(Math.Max(length, 1)), width, height, channels, pooled: true);
    }

    /// <summary>Wraps an existing array (tests and reference data); it is not returned to the pool.</summary>
    public static PixelBuffer Wrap(byte[] data, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < width * height * channels)
        {
            throw new ArgumentException($"{width}x{height}x{channels} pixels need {width * height * channels} bytes; {data.Length} were given.", nameof(data));
        }

        return new PixelBuffer(data, width, height, channels, pooled: false);
    }

    public void Return()
    {
        if (Pooled)
        {
            ArrayPool<byte>.Shared.Return(Data);
        }
    }

    /// <summary>Copies the window at (left, top) with the size of <paramref name="destination"/> (same channel count).</summary>
    public void CopyWindow(int left, int top, PixelBuffer destination)
    {
        var length = destination.Width * Channels;
        for (var y = 0; y < destination.Height; y++)
        {
            Data.AsSpan(((top + y) * Stride) + (left * Channels), length)
                .CopyTo(destination.Data.AsSpan(y * destination.Stride, length));
        }
    }

    /// <summary>Copies all of this buffer into <paramref name="destination"/> at (left, top) (same channel count).</summary>
    public void CopyInto(PixelBuffer destination, int left, int top)
    {
        var length = Stride;
        for (var y = 0; y < Height; y++)
        {
            Data.AsSpan(y * Stride, length).CopyTo(destination.Data.AsSpan(((top + y) * destination.Stride) + (left * Channels), length));
        }
    }

    /// <summary>Sets every pixel to <paramref name="pixel"/> (one byte per channel).</summary>
    public void Fill(ReadOnlySpan<byte> pixel)
    {
        if (pixel.Length != Channels)
        {
            throw new ArgumentException($"A pixel has {Channels} channels; {pixel.Length} values were given.", nameof(pixel));
        }

        var row = Data.AsSpan(0, Stride);
        for (var x = 0; x < Width; x++)
        {
            pixel.CopyTo(row[(x * Channels)..]);
        }

        for (var y = 1; y < Height; y++)
        {
            row.CopyTo(Data.AsSpan(y * Stride, Stride));
        }
    }
}
