using System.Text.Json;
using ClipAudit.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ClipAudit.Tests.Imaging;

/// <summary>The golden data in Data/Imaging (see its README.md): reference crops inverted from the kit's tensors.</summary>
internal static class ImagingReference
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "Imaging");

    private static readonly Lazy<JsonElement[]> Entries = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "reference.json")));
        return document.RootElement.GetProperty("images").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static IEnumerable<string> Files => Entries.Value.Select(e => e.GetProperty("file").GetString()!);

    public static JsonElement Entry(string file) => Entries.Value.Single(e => e.GetProperty("file").GetString() == file);

    public static string ImagePath(string file) => Path.Combine(Folder, "images", file);

    public static bool IsJpeg(string file) => file.EndsWith(".jpg", StringComparison.Ordinal);

    /// <summary>The reference uint8 RGB crop (224×224×3, row-major) for a mode.</summary>
    public static byte[] Crop(string file, PreprocessMode mode) =>
        LoadRgb(Path.Combine(Folder, Entry(file).GetProperty(mode == PreprocessMode.OpenAI ? "openai" : "hf").GetProperty("crop_png").GetString()!));

    /// <summary>The pixels of an RGB PNG, row-major.</summary>
    public static byte[] LoadRgb(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        var bytes = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }

    /// <summary>The reference tensor: the crop normalised the way the reference does it (independent of the code under test).</summary>
    public static float[] Tensor(string file, PreprocessMode mode) => Normalise(Crop(file, mode), mode);

    /// <summary>A 224×224 uint8 RGB crop normalised as openai (float32 /255) or HF (float64 ×1/255) does it.</summary>
    public static float[] Normalise(byte[] crop, PreprocessMode mode)
    {
        float[] mean = [0.48145466f, 0.4578275f, 0.40821073f], std = [0.26862954f, 0.26130258f, 0.27577711f];
        const int plane = 224 * 224;
        var tensor = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                float scaled = mode == PreprocessMode.OpenAI ? crop[(i * 3) + c] / 255f : (float)(crop[(i * 3) + c] * (1 / 255.0));
                tensor[(c * plane) + i] = (scaled - mean[c]) / std[c];
            }
        }

        return tensor;
    }

    public static (double Max, double Mean) Difference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double max = 0, sum = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var d = Math.Abs((double)actual[i] - expected[i]);
            max = Math.Max(max, d);
            sum += d;
        }

        return (max, sum / actual.Length);
    }
}
