using System.IO.Compression;
using System.Text.Json;
using ClipAudit.Imaging;
using ClipAudit.Tokenization;

namespace ClipAudit.Tests.Models.Families;

/// <summary>
/// One model of the families reference kit, copied into Data/Models/families/&lt;name&gt;/ (model/ as the kit ships it,
/// zeroshot.json with embeddings and scores from the independent PyTorch implementation, some preprocess/*.npy.gz).
/// </summary>
internal sealed class FamilyKit
{
    public static readonly FamilyKit Immich = new("tiny-openclip-immich", 240);
    public static readonly FamilyKit Siglip = new("tiny-siglip", 224);

    private readonly Lazy<JsonDocument> _document;

    private FamilyKit(string name, int imageSize)
    {
        Name = name;
        ImageSize = imageSize;
        Folder = Path.Combine(AppContext.BaseDirectory, "Data", "Models", "families", name);
        _document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "zeroshot.json"))));
    }

    public string Name { get; }

    public int ImageSize { get; }

    public string Folder { get; }

    public string ModelDirectory => Path.Combine(Folder, "model");

    public JsonElement Root => _document.Value.RootElement;

    /// <summary>The reference tensors copied into the repository (stems of preprocess/*.npy.gz).</summary>
    public static IReadOnlyList<string> StoredStems { get; } =
        ["CLIP", "rgb_exact_224x224", "rgba_gradient_alpha_400x300", "bilevel_330x250", "l_gray_512x384", "rgb_crop_round_227x224", "p_palette_320x240"];

    public IReadOnlyList<string> Labels => Root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public IReadOnlyList<string> Templates => Root.GetProperty("templates").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public IEnumerable<JsonElement> Prompts => Root.GetProperty("prompts").EnumerateArray();

    public JsonElement Image(string stem) =>
        Root.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("tensor").GetString() == $"preprocess/{stem}.npy.gz");

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>The kit's ids for a prompt, padded with <paramref name="padId"/> to <paramref name="contextLength"/> (SigLIP's are already 64 long).</summary>
    public TokenizedText Tokenized(JsonElement prompt, int contextLength, int padId)
    {
        var ids = Ints(prompt.GetProperty("input_ids"));
        var context = Enumerable.Repeat(padId, contextLength).ToArray();
        ids.AsSpan(0, Math.Min(ids.Length, contextLength)).CopyTo(context);
        return new TokenizedText(prompt.GetProperty("text").GetString()!, ids, context, Truncated: false);
    }

    public float[] Pixels(string stem)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"clipaudit-{Guid.NewGuid():N}.npy");
        try
        {
            using (var gz = new GZipStream(File.OpenRead(Path.Combine(Folder, "preprocess", stem + ".npy.gz")), CompressionMode.Decompress))
            using (var file = File.Create(temp))
            {
                gz.CopyTo(file);
            }

            var (data, shape) = NpyFile.Read(temp);
            Assert.Equal([3, ImageSize, ImageSize], shape);
            return data;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static double MaxAbsDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Assert.Equal(a.Count, b.Count);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }

    public static double Cosine(ReadOnlySpan<float> a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < b.Length; i++)
        {
            dot += a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
