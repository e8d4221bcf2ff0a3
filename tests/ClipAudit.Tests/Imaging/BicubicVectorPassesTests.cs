using ClipAudit.Imaging;

namespace ClipAudit.Tests.Imaging;

/// <summary>
/// The vectorised bicubic passes against the scalar port of Pillow (the reference the golden tests pin down), bit for
/// bit: random sizes, 1 to 4 channels, up- and downscaling, crop windows anywhere, and random pixels (whose
/// extremes drive the negative kernel lobes into Pillow's clamp).
/// </summary>
public sealed class BicubicVectorPassesTests
{
    public static TheoryData<int, int, int, int, int> FixedCases() => new()
    {
        // width, height, channels, resized width, resized height
        { 448, 448, 3, 224, 224 },
        { 448, 448, 3, 448, 448 },
        { 2162, 762, 3, 635, 224 },
        { 7, 5, 3, 313, 224 },
        { 50, 400, 1, 224, 1792 },
        { 227, 224, 4, 227, 224 },
        { 224, 227, 2, 224, 224 },
        { 1, 1, 3, 224, 224 },
        { 3, 2, 4, 5, 3 },
        { 1000, 9, 3, 7, 224 },
        { 5, 2000, 1, 224, 3 },
        { 17, 300, 3, 16, 301 },
    };

    [Theory]
    [MemberData(nameof(FixedCases))]
    public void ResizeCropped_Vectorised_EqualsScalarOnWholeImage(int width, int height, int channels, int resizedWidth, int resizedHeight)
    {
        var source = RandomPixels(new Random(width + (height * 31) + channels), width, height, channels);

        var (scalar, vector) = BothWays(source, resizedWidth, resizedHeight, 0, 0, resizedWidth, resizedHeight);

        Assert.Equal(scalar, vector);
    }

    [Theory]
    [MemberData(nameof(FixedCases))]
    public void ResizeCropped_Vectorised_EqualsScalarOnCentreCrop(int width, int height, int channels, int resizedWidth, int resizedHeight)
    {
        var source = RandomPixels(new Random(width + height + channels), width, height, channels);
        int cropWidth = Math.Min(resizedWidth, 224), cropHeight = Math.Min(resizedHeight, 224);

        var (scalar, vector) = BothWays(source, resizedWidth, resizedHeight, (resizedWidth - cropWidth) / 2, (resizedHeight - cropHeight) / 2, cropWidth, cropHeight);

        Assert.Equal(scalar, vector);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ResizeCropped_Vectorised_EqualsScalarOnRandomSizesScalesAndWindows(int channels)
    {
        var random = new Random(1000 + channels);
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

            var (scalar, vector) = BothWays(source, resizedWidth, resizedHeight, left, top, cropWidth, cropHeight);

            Assert.True(
                scalar.AsSpan().SequenceEqual(vector),
                $"{width}x{height}x{channels} -> {resizedWidth}x{resizedHeight}, window {cropWidth}x{cropHeight} at ({left}, {top}): first difference at byte {FirstDifference(scalar, vector)}");
        }
    }

    [Fact]
    public void Get_SameWindowTwice_ReturnsTheSharedCoefficientsEqualToAFreshComputation()
    {
        var first = BicubicCoefficients.Get(733, 224, 0, 224);
        var second = BicubicCoefficients.Get(733, 224, 0, 224);
        var fresh = BicubicCoefficients.Compute(733, 224, 0, 224);

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
        var coefficients = BicubicCoefficients.Compute(1000, 224, 10, 30);
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

    private static (byte[] Scalar, byte[] Vector) BothWays(PixelBuffer source, int resizedWidth, int resizedHeight, int left, int top, int cropWidth, int cropHeight)
    {
        var length = cropWidth * cropHeight * source.Channels;
        var scalar = PixelBuffer.Wrap(new byte[length], cropWidth, cropHeight, source.Channels);
        var vector = PixelBuffer.Wrap(new byte[length], cropWidth, cropHeight, source.Channels);
        PillowBicubic.ResizeCropped(source, resizedWidth, resizedHeight, left, top, scalar, vectorised: false);
        if (BicubicVectorPasses.IsSupported)
        {
            PillowBicubic.ResizeCropped(source, resizedWidth, resizedHeight, left, top, vector, vectorised: true);
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
