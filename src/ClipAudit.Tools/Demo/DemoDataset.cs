using ClipAudit.Randomness;
using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tools.Demo;

/// <summary>
/// Writes the demo's synthetic demographic dataset: 224×224 PNG "portraits" (a face-like ellipse on a background) and a
/// CSV manifest with the attributes <c>group</c> (A–D), <c>gender</c> and <c>age</c>. Each image's mean colour is drawn
/// from known distributions: group <see cref="PlantedGroup"/> is redder on average, which the demo model maps toward
/// the planted harm class. This is the known disparity the audit must recover.
/// </summary>
internal static class DemoDataset
{
    public const string PlantedGroup = "C";
    public static readonly IReadOnlyList<string> Groups = ["A", "B", "C", "D"];
    private static readonly string[] Ages = ["18-29", "30-49", "50+"];
    private static readonly double[] Mean = [0.48145466, 0.4578275, 0.40821073];
    private static readonly double[] Std = [0.26862954, 0.26130258, 0.27577711];
    private const int Size = 224;

    /// <summary>Mean normalised redness (R−G) per group; the demo model calls an image the planted harm class above ~0.5.</summary>
    public static double MeanRedness(string group) => group == PlantedGroup ? 0.42 : 0.0;

    public static string Write(string directory, int samplesPerGroup, ulong seed)
    {
        var images = Path.Combine(directory, "images");
        Directory.CreateDirectory(images);
        var random = new SplitMix64(seed);
        var csv = new StringBuilder("image,group,gender,age\n");
        var index = 0;
        foreach (var group in Groups)
        {
            for (var i = 0; i < samplesPerGroup; i++)
            {
                var gender = random.NextDouble() < 0.5 ? "female" : "male";
                var age = Ages[random.NextInt(Ages.Length)];
                var redness = MeanRedness(group) + (0.22 * random.NextGaussian());
                var blueness = 0.1 + (0.2 * random.NextGaussian());
                var brightness = (gender == "female" ? 0.5 : -0.5) + (0.3 * random.NextGaussian());
                var name = string.Create(CultureInfo.InvariantCulture, $"img{index++:D5}.png");
                WriteImage(Path.Combine(images, name), redness, blueness, brightness, random);
                csv.Append(CultureInfo.InvariantCulture, $"images/{name},{group},{gender},{age}\n");
            }
        }

        var manifest = Path.Combine(directory, "manifest.csv");
        File.WriteAllText(manifest, csv.ToString());
        return manifest;
    }

    /// <summary>Paints an image whose mean normalised colour has the given redness (R−G), blueness (B−G) and brightness.</summary>
    private static void WriteImage(string path, double redness, double blueness, double brightness, SplitMix64 random)
    {
        var g = brightness - ((redness + blueness) / 3);
        double[] target = [g + redness, g, g + blueness];
        var mean = target.Select((x, c) => 255 * ((x * Std[c]) + Mean[c])).ToArray();

        // Face ellipse a little darker than the mean, background lighter, areas balanced so the image mean stays on target.
        var faceMask = new bool[Size * Size];
        var faceArea = 0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var dx = (x - 112) / 60.0;
                var dy = (y - 104) / 80.0;
                if ((dx * dx) + (dy * dy) <= 1)
                {
                    faceMask[(y * Size) + x] = true;
                    faceArea++;
                }
            }
        }

        var shade = 18.0;
        var faceShift = -shade;
        var backgroundShift = shade * faceArea / ((Size * Size) - faceArea);
        using var image = new Image<Rgb24>(Size, Size);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var shift = faceMask[(y * Size) + x] ? faceShift : backgroundShift;
                var noise = 6 * random.NextGaussian();
                image[x, y] = new Rgb24(Channel(mean[0] + shift + noise), Channel(mean[1] + shift + noise), Channel(mean[2] + shift + noise));
            }
        }

        image.SaveAsPng(path);
    }

    private static byte Channel(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
