using System.IO.Compression;
using System.Text.Json;
using ClipAudit.Imaging;

namespace ClipAudit.Tests.Imaging;

/// <summary>The families kit's preprocessing references in Data/Imaging/families (see its README.md and make_families.py).</summary>
internal static class FamilyReference
{
    public const string OpenClipImmich = "tiny-openclip-immich";
    public const string Siglip = "tiny-siglip";

    public static readonly string Folder = Path.Combine(ImagingReference.Folder, "families");

    private static readonly Lazy<JsonElement[]> Families = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "families.json")));
        return document.RootElement.GetProperty("families").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static JsonElement Family(string family) => Families.Value.Single(f => f.GetProperty("family").GetString() == family);

    public static IEnumerable<JsonElement> Images(string family) => Family(family).GetProperty("images").EnumerateArray();

    public static JsonElement Image(string family, string file) => Images(family).Single(e => e.GetProperty("file").GetString() == file);

    public static string ConfigPath(string family) => Path.Combine(Folder, family, Family(family).GetProperty("config").GetString()!);

    /// <summary>The model's preprocessing, read by the code under test from the model's own file.</summary>
    public static PreprocessConfig Config(string family) => family == OpenClipImmich
        ? PreprocessConfigReader.FromOpenClipJson(ConfigPath(family))
        : PreprocessConfigReader.FromHuggingFace(ConfigPath(family));

    /// <summary>The kit's uint8 RGB image after resize (and crop), row-major.</summary>
    public static byte[] Pixels(string family, string file) =>
        ImagingReference.LoadRgb(Path.Combine(Folder, family, Image(family, file).GetProperty("png").GetString()!));

    /// <summary>
    /// The reference tensor from the kit's uint8 image, normalised as the family's reference does it (make_families.py
    /// checked this reproduces the kit's .npy bit for bit for all 20 images): open_clip = torchvision ToTensor (float32
    /// /255) then Normalize with ImageNet mean/std; SigLIP = HF rescale (float64 × 1/255, cast) then (x − 0.5) / 0.5.
    /// </summary>
    public static float[] Tensor(string family, string file)
    {
        var pixels = Pixels(family, file);
        var size = Family(family).GetProperty("size").GetInt32();
        float[] mean = family == OpenClipImmich ? [0.485f, 0.456f, 0.406f] : [0.5f, 0.5f, 0.5f];
        float[] std = family == OpenClipImmich ? [0.229f, 0.224f, 0.225f] : [0.5f, 0.5f, 0.5f];
        var plane = size * size;
        var tensor = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var v = pixels[(i * 3) + c];
                var scaled = family == OpenClipImmich ? v / 255f : (float)(v * 0.00392156862745098);
                tensor[(c * plane) + i] = (scaled - mean[c]) / std[c];
            }
        }

        return tensor;
    }

    /// <summary>The kit's own tensor (.npy.gz), for the images whose tensor was copied; null otherwise.</summary>
    public static float[]? KitTensor(string family, string file)
    {
        if (!Image(family, file).TryGetProperty("tensor", out var name))
        {
            return null;
        }

        var temp = Path.GetTempFileName();
        try
        {
            using (var gz = new GZipStream(File.OpenRead(Path.Combine(Folder, family, name.GetString()!)), CompressionMode.Decompress))
            using (var output = File.Create(temp))
            {
                gz.CopyTo(output);
            }

            return NpyFile.Read(temp).Data;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
