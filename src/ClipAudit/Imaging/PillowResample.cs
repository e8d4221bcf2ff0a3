namespace ClipAudit.Imaging;

/// <summary>
/// Pillow's <c>Image.resize(size, BICUBIC | BILINEAR)</c> for 8-bit interleaved pixels, ported from libImaging/Resample.c
/// (precompute_coeffs, normalize_coeffs_8bpc, ImagingResampleHorizontal/Vertical_8bpc, ImagingResampleInner).
/// Every output pixel depends only on its own coefficients, so only the crop window of the resized image is
/// computed; the values are bit-identical to resizing the whole image and cropping afterwards. The callers reproduced
/// here (torchvision's <c>F.resize</c>, HF's <c>image_transforms.resize</c>) pass no <c>reducing_gap</c>, so Pillow's
/// reduce-then-resample shortcut never runs and the box is always the whole image.
/// </summary>
internal static class PillowResample
{
    private const int PrecisionBits = ResampleCoefficients.PrecisionBits;

    /// <summary>Resizes <paramref name="source"/> to <paramref name="resizedWidth"/>×<paramref name="resizedHeight"/> and writes the window at (<paramref name="left"/>, <paramref name="top"/>) of size <paramref name="crop"/>.</summary>
    public static void ResizeCropped(PixelBuffer source, ResampleFilter filter, int resizedWidth, int resizedHeight, int left, int top, PixelBuffer crop) =>
        ResizeCropped(source, filter, resizedWidth, resizedHeight, left, top, crop, ResampleVectorPasses.IsSupported);

    /// <summary>
    /// As above, choosing the passes: <paramref name="vectorised"/> uses <see cref="ResampleVectorPasses"/> (needs
    /// <see cref="ResampleVectorPasses.IsSupported"/>), otherwise the scalar port, which stays the reference the
    /// vectorised passes are tested against bit for bit.
    /// </summary>
    internal static void ResizeCropped(PixelBuffer source, ResampleFilter filter, int resizedWidth, int resizedHeight, int left, int top, PixelBuffer crop, bool vectorised)
    {
        var channels = source.Channels;
        var needHorizontal = resizedWidth != source.Width;
        var needVertical = resizedHeight != source.Height;

        var vertical = needVertical ? ResampleCoefficients.Get(filter, source.Height, resizedHeight, top, crop.Height) : null;
        var horizontal = needHorizontal ? ResampleCoefficients.Get(filter, source.Width, resizedWidth, left, crop.Width) : null;

        // Rows of the source that the vertical pass reads (Pillow's ybox_first..ybox_last for the window).
        int firstRow, rowCount;
        if (vertical is not null)
        {
            (firstRow, var endRow) = vertical.Span();
            rowCount = endRow - firstRow;
        }
        else
        {
            firstRow = top;
            rowCount = crop.Height;
        }

        if (horizontal is null && vertical is null)
        {
            source.CopyWindow(left, top, crop);
            return;
        }

        if (horizontal is null)
        {
            // Only the vertical pass: read source columns left..left+width directly.
            Vertical(source, left, 0, vertical!, crop, vectorised);
            return;
        }

        var intermediate = PixelBuffer.Rent(crop.Width, rowCount, channels);
        try
        {
            if (vectorised)
            {
                ResampleVectorPasses.Horizontal(source, firstRow, horizontal, intermediate);
            }
            else
            {
                HorizontalPass(source, firstRow, horizontal, intermediate);
            }

            if (vertical is null)
            {
                intermediate.CopyWindow(0, 0, crop);
            }
            else
            {
                Vertical(intermediate, 0, firstRow, vertical, crop, vectorised);
            }
        }
        finally
        {
            intermediate.Return();
        }
    }

    private static void Vertical(PixelBuffer input, int columnOffset, int rowOffset, ResampleCoefficients coefficients, PixelBuffer output, bool vectorised)
    {
        if (vectorised)
        {
            ResampleVectorPasses.Vertical(input, columnOffset, rowOffset, coefficients, output);
        }
        else
        {
            VerticalPass(input, columnOffset, rowOffset, coefficients, output);
        }
    }

    internal static void HorizontalPass(PixelBuffer input, int firstRow, ResampleCoefficients coefficients, PixelBuffer output)
    {
        var channels = input.Channels;
        var ksize = coefficients.KernelSize;
        var inData = input.Data;
        var outData = output.Data;
        for (var y = 0; y < output.Height; y++)
        {
            var inRow = (y + firstRow) * input.Stride;
            var outRow = y * output.Stride;
            for (var xx = 0; xx < output.Width; xx++)
            {
                var xmin = coefficients.Min[xx];
                var count = coefficients.Count[xx];
                var k = xx * ksize;
                for (var c = 0; c < channels; c++)
                {
                    var sum = 1 << (PrecisionBits - 1);
                    var p = inRow + (xmin * channels) + c;
                    for (var x = 0; x < count; x++, p += channels)
                    {
                        sum += inData[p] * coefficients.Fixed[k + x];
                    }

                    outData[outRow + (xx * channels) + c] = Clip8(sum);
                }
            }
        }
    }

    /// <summary>Vertical pass; <paramref name="rowOffset"/> is subtracted from the row bounds (Pillow shifts them by ybox_first).</summary>
    internal static void VerticalPass(PixelBuffer input, int columnOffset, int rowOffset, ResampleCoefficients coefficients, PixelBuffer output)
    {
        var channels = input.Channels;
        var ksize = coefficients.KernelSize;
        var inData = input.Data;
        var outData = output.Data;
        var rowLength = output.Width * channels;
        for (var yy = 0; yy < output.Height; yy++)
        {
            var ymin = coefficients.Min[yy] - rowOffset;
            var count = coefficients.Count[yy];
            var k = yy * ksize;
            var outRow = yy * output.Stride;
            for (var i = 0; i < rowLength; i++)
            {
                var sum = 1 << (PrecisionBits - 1);
                var p = ((ymin * input.Stride) + (columnOffset * channels)) + i;
                for (var y = 0; y < count; y++, p += input.Stride)
                {
                    sum += inData[p] * coefficients.Fixed[k + y];
                }

                outData[outRow + i] = Clip8(sum);
            }
        }
    }

    private static byte Clip8(int sum)
    {
        // Pillow's clip8 lookup: arithmetic shift, then clamp to 0..255.
        var v = sum >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }
}
