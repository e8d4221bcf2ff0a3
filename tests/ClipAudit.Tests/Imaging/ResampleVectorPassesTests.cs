using ClipAudit.Imaging;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// The vectorised resampling passes (bicubic and bilinear weights) against the scalar port of Pillow (the reference the golden tests pin down), bit for
/// bit: random sizes, 1 to 4 channels, up- and downscaling, crop windows anywhere, and random pixels (whose
/// extremes drive the negative kernel lobes into Pillow's clamp).
/// </summary>
public sealed class ResampleVectorPassesTests
{
    public static TheoryData<ResampleFilter, int, int, int, int, int> FixedCases()
    {
        var data = new TheoryData<ResampleFilter, int, int, int, int, int>();
        foreach (var filter in Enum.GetValues<ResampleFilter>())
        {
            foreach (var (w, h, c, rw, rh) in Sizes)
            {
                data.Add(filter, w, h, c, rw, rh);
            }
        }

        return data;
    }

    private static readonly (int, int, int, int, int)[] Sizes =
    [
        // width, height, channels, resized width, resized height
        (448, 448, 3, 224, 224),
        (448, 448, 3, 448, 448),
        (2162, 762, 3, 635, 224),
        (7, 5, 3, 313, 224),
        (50, 400, 1, 224, 1792),
        (227, 224, 4, 227, 224),
        (224, 227, 2, 224, 224),
        (1, 1, 3, 224, 224),
        (3, 2, 4, 5, 3),
        (1000, 9, 3, 7, 224),
        (5, 2000, 1, 224, 3),
        (17, 300, 3, 16, 301),
    ];

    [Theory]
    [MemberData(nameof(FixedCases))]
    public void ResizeCropped_Vectorised_EqualsScalarOnWholeImage(ResampleFilter filter, int width, int height, int channels, int resizedWidth, int resizedHeight)
    {
        var source = RandomPixels(new Random(width + (height * 31) + channels), width, height, channels);

        var (scalar, vector) = BothWays(source, filter, resizedWidth, resizedHeight, 0, 0, resizedWidth, resizedHeight);

        Assert.Equal(scalar, vector);
    }

    [Theory]
    [MemberData(nameof(FixedCases))]
    public void ResizeCropped_Vectorised_EqualsScalarOnCentreCrop(ResampleFilter filter, int width, int height, int channels, int resizedWidth, int resizedHeight)
    {
        var source = RandomPixels(new Random(width + height + channels), width, height, channels);
        int cropWidth = Math.Min(resizedWidth, 224), cropHeight = Math.Min(resizedHeight, 224);

        var (scalar, vector) = BothWays(source, filter, resizedWidth, resizedHeight, (resizedWidth - cropWidth) / 2, (resizedHeight - cropHeight) / 2, cropWidth, cropHeight);

        Assert.Equal(scalar, vector);
    }

    [Theory]
    [InlineData(ResampleFilter.Bicubic, 1)]
    [InlineData(ResampleFilter.Bicubic, 2)]
    [InlineData(ResampleFilter.Bicubic, 3)]
    [InlineData(ResampleFilter.Bicubic, 4)]
    [InlineData(ResampleFilter.Bilinear, 1)]
    [InlineData(ResampleFilter.Bilinear, 3)]
    [InlineData(ResampleFilter.Bilinear, 4)]
    public void ResizeCropped_Vectorised_EqualsScalarOnRandomSizesScalesAndWindows(ResampleFilter filter, int channels)
    {
        var random = new Random(1000 + channels + (10 * (int)filter));
        for (var trial = 0; trial < 150; trial++)
        {
            var width = random.Next(1, 400);
            var height = random.Next(1, 400);
            // Scale factors from 1/12 to 8 per axis, each axis on its own (one may stay the same size).
            var resizedWidth = Resized(random, width);
            var resizedHeight = Resized(random, height);
            var cropWidth = random.Next(1, resizedWidth + 1);
            var cropHeight = random.Next(1, resizedHeight + 1);
            var left = random.Next(0, resizedWidth - cropWidth + 1);
            var top = random.Next(0, resizedHeight - cropHeight + 1);
            var source = RandomPixels(random, width, height, channels);

            var (scalar, vector) = BothWays(source, filter, resizedWidth, resizedHeight, left, top, cropWidth, cropHeight);

            Assert.True(
                scalar.AsSpan().SequenceEqual(vector),
                $"{filter} {width}x{height}x{channels} -> {resizedWidth}x{resizedHeight}, window {cropWidth}x{cropHeight} at ({left}, {top}): first difference at byte {FirstDifference(scalar, vector)}");
        }
    }

    [Fact]
    public void Get_SameWindowTwice_ReturnsTheSharedCoefficientsEqualToAFreshComputation()
    {
        var first = ResampleCoefficients.Get(ResampleFilter.Bicubic, 733, 224, 0, 224);
        var second = ResampleCoefficients.Get(ResampleFilter.Bicubic, 733, 224, 0, 224);
        var fresh = ResampleCoefficients.Compute(ResampleFilter.Bicubic, 733, 224, 0, 224);

        Assert.Same(first, second);
        Assert.Equal(fresh.Fixed, first.Fixed);
        Assert.Equal(fresh.Min, first.Min);
        Assert.Equal(fresh.Count, first.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Lanes_EveryLane_HoldsTheWeightOfItsTap(int pixelLanes)
    {
        var coefficients = ResampleCoefficients.Compute(ResampleFilter.Bicubic, 1000, 224, 10, 30);
        var table = coefficients.Lanes(pixelLanes);
        var vectors = coefficients.VectorsPerOutput(pixelLanes);

        for (var i = 0; i < 30; i++)
        {
            for (var tap = 0; tap < vectors * 8 / pixelLanes; tap++)
            {
                var expected = tap < coefficients.KernelSize ? coefficients.Fixed[(i * coefficients.KernelSize) + tap] : 0;
                for (var lane = 0; lane < pixelLanes; lane++)
                {
                    Assert.Equal(expected, table[(i * vectors * 8) + (tap * pixelLanes) + lane]);
                }
            }
        }
    }

    private static int Resized(Random random, int size) => random.Next(4) switch
    {
        0 => size,
        1 => Math.Max(1, size / random.Next(2, 13)),
        2 => Math.Max(1, (int)(size * (0.5 + random.NextDouble()))),
        _ => Math.Min(2000, size * random.Next(2, 9)),
    };

    private static (byte[] Scalar, byte[] Vector) BothWays(PixelBuffer source, ResampleFilter filter, int resizedWidth, int resizedHeight, int left, int top, int cropWidth, int cropHeight)
    {
        var length = cropWidth * cropHeight * source.Channels;
        var scalar = PixelBuffer.Wrap(new byte[length], cropWidth, cropHeight, source.Channels);
        var vector = PixelBuffer.Wrap(new byte[length], cropWidth, cropHeight, source.Channels);
        PillowResample.ResizeCropped(source, filter, resizedWidth, resizedHeight, left, top, scalar, vectorised: false);
        if (ResampleVectorPasses.IsSupported)
        {
            PillowResample.ResizeCropped(source, filter, resizedWidth, resizedHeight, left, top, vector, vectorised: true);
        }
        else
        {
            // Without AVX2 the production path is the scalar one; there is nothing else to compare.
            scalar.Data.CopyTo(vector.Data, 0);
        }

        return (scalar.Data, vector.Data);
    }

    private static PixelBuffer RandomPixels(Random random, int width, int height, int channels)
    {
        var data = new byte[width * height * channels];
        random.NextBytes(data);
        return PixelBuffer.Wrap(data, width, height, channels);
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return -1;
    }
}
