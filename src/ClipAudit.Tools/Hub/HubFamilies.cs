using ClipAudit.Errors;
using ClipAudit.Models.Hub;

namespace ClipAudit.Tools.Hub;

/// <summary>The files a pull fetches: all of <see cref="Required"/>, and each of <see cref="Optional"/> that the repository lists.</summary>
internal sealed record HubFileSet(IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    public IEnumerable<string> All => Required.Concat(Optional);
}

/// <summary>
/// Which family a hub repository holds, judged from its name (the folder's files decide at load), and which files
/// each layout needs: transformers.js exports (<c>Xenova/clip-*</c>, <c>Xenova/siglip-*</c>,
/// <c>onnx-community/siglip2-*</c>, <c>Xenova/mobileclip_*</c>) keep <c>onnx/{vision,text}_model*.onnx</c> and the
/// configs at the root; immich's (<c>immich-app/ViT-*__*</c>) keep <c>visual/</c> and <c>textual/</c>.
/// </summary>
internal static class HubFamilies
{
    private static readonly string[] ClipTokenizerFiles = ["vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

    /// <summary>The family the repository name says (<c>clip</c>, <c>siglip</c>, <c>siglip2</c>, <c>mobileclip</c>, <c>openclip</c>), or null.</summary>
    public static string? FamilyOf(string repo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repo);
        var name = repo[(repo.IndexOf('/', StringComparison.Ordinal) + 1)..].ToLowerInvariant();
        if (IsImmich(repo))
        {
            // immich-app/ViT-B-16-SigLIP__webli, immich-app/ViT-B-32__openai, ...
            return name.Contains("siglip2", StringComparison.Ordinal) ? "siglip2" : name.Contains("siglip", StringComparison.Ordinal) ? "siglip" : "openclip";
        }

        return name switch
        {
            _ when name.StartsWith("siglip2", StringComparison.Ordinal) => "siglip2",
            _ when name.StartsWith("siglip", StringComparison.Ordinal) => "siglip",
            _ when name.StartsWith("mobileclip", StringComparison.Ordinal) => "mobileclip",
            _ when name.StartsWith("clip", StringComparison.Ordinal) => "clip",
            _ => null,
        };
    }

    /// <summary>immich's model repositories (<c>immich-app/ViT-B-32__openai</c>): <c>visual/</c> + <c>textual/</c>.</summary>
    public static bool IsImmich(string repo) => repo.StartsWith("immich-app/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The files of <paramref name="variant"/> of <paramref name="repo"/>: the two encoders first, then the configs.</summary>
    public static HubFileSet FilesFor(string repo, string variant)
    {
        if (IsImmich(repo))
        {
            if (variant != HubVariants.Default)
            {
                throw new InvalidConfigException(
                    $"--variant '{variant}': immich's repositories are pulled in full precision only (visual/model.onnx, textual/model.onnx); " +
                    "their fp16 and accelerator builds are other file formats. Omit --variant.");
            }

            return new HubFileSet(
                ["visual/model.onnx", "textual/model.onnx", "config.json", "visual/preprocess_cfg.json", "textual/tokenizer.json", "textual/tokenizer_config.json"],
                ["textual/special_tokens_map.json"]);
        }

        var models = HubVariants.FilesFor(variant).Take(2).ToList();
        return FamilyOf(repo) switch
        {
            "siglip" => new HubFileSet([.. models, "config.json", "preprocessor_config.json", "spiece.model", "tokenizer_config.json"], ["special_tokens_map.json", "tokenizer.json"]),
            "siglip2" => new HubFileSet([.. models, "config.json", "preprocessor_config.json", "tokenizer.model", "tokenizer_config.json"], ["special_tokens_map.json", "tokenizer.json"]),
            "mobileclip" => new HubFileSet([.. models, "config.json", "preprocessor_config.json", "tokenizer_config.json"], ["vocab.json", "merges.txt", "tokenizer.json", "special_tokens_map.json"]),
            // CLIP and unknown names: the transformers.js CLIP layout, every file required as before families.
            _ => new HubFileSet(HubVariants.FilesFor(variant), []),
        };
    }

    /// <summary>Every config or tokenizer file name a pulled folder may hold (to tell model folders from other folders).</summary>
    public static IReadOnlySet<string> KnownConfigFiles { get; } = new HashSet<string>(
        [.. HubVariants.ConfigFiles, .. ClipTokenizerFiles, "spiece.model", "tokenizer.model", "visual/preprocess_cfg.json",
         "textual/tokenizer.json", "textual/tokenizer_config.json", "textual/special_tokens_map.json"],
        StringComparer.Ordinal);
}
