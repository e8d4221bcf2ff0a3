using System.Text.Json;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// Floating-point operations of one image through a CLIP ViT image tower, counted from the Hugging Face
/// <c>config.json</c> (<c>vision_config</c>): patch embedding, per layer the Q/K/V and output projections, the two MLP
/// products and the two attention products, and the final projection; a multiply-add counts as two. Layer norms,
/// softmax and activations are element-wise and left out (well under 1 % for ViT-B/32, 8.8 GFLOPs per image).
/// </summary>
internal static class VisionFlops
{
    /// <summary>The tower's shape and FLOPs per image, or null when the folder has no config.json with a ViT vision_config.</summary>
    public static VisionShape? Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("vision_config", out var vision) || vision.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            double? Get(string name) => vision.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            if (Get("hidden_size") is not { } width || Get("intermediate_size") is not { } mlp || Get("num_hidden_layers") is not { } layers
                || Get("image_size") is not { } side || Get("patch_size") is not { } patch)
            {
                return null;
            }

            var channels = Get("num_channels") ?? 3;
            var projection = Get("projection_dim") ?? document.RootElement.GetProperty("projection_dim").GetDouble();
            var tokens = (int)(Math.Floor(side / patch) * Math.Floor(side / patch)) + 1;
            return new VisionShape((int)width, (int)mlp, tokens, Count(width, mlp, layers, side, patch, channels, projection));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    internal static double Count(double width, double mlp, double layers, double side, double patch, double channels, double projection)
    {
        var patches = Math.Floor(side / patch) * Math.Floor(side / patch);
        var tokens = patches + 1;
        var embed = 2 * patches * channels * patch * patch * width;
        var perLayer = (2 * tokens * width * ((4 * width) + (2 * mlp))) + (4 * tokens * tokens * width);
        return embed + (layers * perLayer) + (2 * width * projection);
    }
}

/// <summary>Width, MLP width and tokens per image of a ViT image tower, and its FLOPs per image.</summary>
public sealed record VisionShape(int Width, int MlpWidth, int Tokens, double FlopsPerImage);
