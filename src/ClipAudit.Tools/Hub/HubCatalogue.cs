using ClipAudit.Models.Hub;

namespace ClipAudit.Tools.Hub;

/// <summary>A CLIP export on the Hugging Face hub that ClipAudit knows by name.</summary>
internal sealed record HubModelEntry(string Repo, string Summary, int EmbeddingDimension, int ImageSize)
{
    /// <summary>The family the repository name says; the files decide when the model is loaded.</summary>
    public string Family => HubFamilies.FamilyOf(Repo) ?? "clip";
}

/// <summary>
/// The built-in list of hub repositories known to hold a CLIP-style ONNX export: transformers.js layout
/// (<c>onnx/vision_model*.onnx</c>, <c>onnx/text_model*.onnx</c> plus tokenizer and preprocessor configs) or immich's
/// (<c>visual/</c>, <c>textual/</c>). Any other repository of a known family (<see cref="HubFamilies"/>) can be pulled
/// too; the list only supplies short names and descriptions. Embedding widths and sizes are the upstream models'.
/// </summary>
internal static class HubCatalogue
{
    public static IReadOnlyList<HubModelEntry> Known { get; } =
    [
        new("Xenova/clip-vit-base-patch32", "OpenAI CLIP ViT-B/32 (ONNX export of openai/clip-vit-base-patch32)", 512, 224),
        new("Xenova/clip-vit-base-patch16", "OpenAI CLIP ViT-B/16 (ONNX export of openai/clip-vit-base-patch16)", 512, 224),
        new("Xenova/clip-vit-large-patch14", "OpenAI CLIP ViT-L/14 (ONNX export of openai/clip-vit-large-patch14)", 768, 224),
        new("Xenova/siglip-base-patch16-224", "SigLIP ViT-B/16 224 px (ONNX export of google/siglip-base-patch16-224; sigmoid scores need logit_scale/logit_bias, see Models/README.md)", 768, 224),
        new("Xenova/mobileclip_s0", "Apple MobileCLIP-S0 (transformers.js export; 256 px, bilinear, no normalisation)", 512, 256),
        new("immich-app/ViT-B-32__openai", "OpenAI CLIP ViT-B/32 in immich's layout (open_clip export)", 512, 224),
    ];

    /// <summary>
    /// Resolves a name to a repository id: a full <c>owner/name</c> is returned as given (validated); a bare name
    /// such as <c>clip-vit-base-patch32</c> must match exactly one catalogue entry.
    /// </summary>
    public static string ResolveRepo(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Contains('/', StringComparison.Ordinal))
        {
            HubNames.ValidateRepo(trimmed);
            return trimmed;
        }

        var matches = Known.Where(e => e.Repo.EndsWith("/" + trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            return matches[0].Repo;
        }

        throw new Errors.InvalidConfigException(
            $"'{trimmed}' is not a known model name. Use a hub repository id (owner/name) or one of: " +
            $"{string.Join(", ", Known.Select(e => e.Repo))}.");
    }

    public static HubModelEntry? Find(string repo) =>
        Known.FirstOrDefault(e => string.Equals(e.Repo, repo, StringComparison.OrdinalIgnoreCase));
}
