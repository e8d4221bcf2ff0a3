using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// Seeded benchmark JPEGs made with the recipe of the PyTorch baseline script (torch_baseline.py): a uniform base
/// colour plus per-channel noise in [-40, 40), clipped, saved at quality 90. The pixels differ from numpy's generator,
/// but size, entropy and decode cost match; pass the same folder to both engines for a like-for-like comparison.
/// </summary>
internal static class SyntheticImages
{
    public const int Side = 448;

    /// <summary>Writes <paramref name="count"/> images named img_00000.jpg, ... into <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Write(string folder, int count, int side = Side, int seed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var encoder = new JpegEncoder { Quality = 90 };
        var paths = new List<string>(count);
        var pixels = new Rgb24[side * side];
        for (var i = 0; i < count; i++)
        {
            int r = random.Next(256), g = random.Next(256), b = random.Next(256);
            for (var p = 0; p < pixels.Length; p++)
            {
                pixels[p] = new Rgb24(Noisy(r, random), Noisy(g, random), Noisy(b, random));
            }

            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"img_{i:D5}.jpg"));
            using (var image = Image.LoadPixelData<Rgb24>(pixels, side, side))
            {
                image.SaveAsJpeg(path, encoder);
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>The JPEG and PNG files of a folder in ordinal name order (the baseline script sorts the same way).</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static byte Noisy(int baseValue, Random random) => (byte)Math.Clamp(baseValue + random.Next(-40, 40), 0, 255);
}
