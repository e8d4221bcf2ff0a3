using ClipAudit.Imaging;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tests.Imaging;

/// <summary>Packing decoded RGBA rows into PIL's channel layouts, checked byte by byte against the definition.</summary>
public sealed class PixelPackingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void PackRow_RandomRows_KeepsExactlyTheChannelsOfPillowsMode(int channels)
    {
        var random = new Random(channels);
        foreach (var width in new[] { 1, 3, 4, 5, 7, 8, 13, 448 })
        {
            var bytes = new byte[width * 4];
            random.NextBytes(bytes);
            var row = new Rgba32[width];
            for (var x = 0; x < width; x++)
            {
                row[x] = new Rgba32(bytes[4 * x], bytes[(4 * x) + 1], bytes[(4 * x) + 2], bytes[(4 * x) + 3]);
            }

            // R, G, B, A for 4; R, G, B for 3; gray (R) and alpha for 2; gray for 1.
            int[] kept = channels switch { 1 => [0], 2 => [0, 3], 3 => [0, 1, 2], _ => [0, 1, 2, 3] };
            var expected = Enumerable.Range(0, width).SelectMany(x => kept.Select(c => bytes[(4 * x) + c])).ToArray();
            var actual = new byte[width * channels];

            PixelPacking.PackRow(row, actual, channels);

            Assert.Equal(expected, actual);
        }
    }
}
