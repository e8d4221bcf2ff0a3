using ClipAudit.Errors;
using ClipAudit.Models.Hub;
using ClipAudit.Tools.Hub;

namespace ClipAudit.Tests.Tools.Hub;

public sealed class HubNamesTests
{
    [Fact]
    public void DefaultRoot_PrefersClipauditCache_ThenXdgCacheHome()
    {
        var both = new Dictionary<string, string?> { ["CLIPAUDIT_CACHE"] = "/data/cache", ["XDG_CACHE_HOME"] = "/xdg" };
        var xdg = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = "/xdg" };

        Assert.Equal("/data/cache/models", HubCacheLayout.DefaultRoot(k => both.GetValueOrDefault(k)));
        Assert.Equal("/xdg/clipaudit/models", HubCacheLayout.DefaultRoot(k => xdg.GetValueOrDefault(k)));
    }

    [Fact]
    public void ClipauditCache_HoldsModelsAndEmbeddingsInSeparateFolders()
    {
        var env = new Dictionary<string, string?> { ["CLIPAUDIT_CACHE"] = "/data/cache" };

        Assert.Equal("/data/cache", HubCacheLayout.CacheRoot(k => env.GetValueOrDefault(k)));
        Assert.Equal("/data/cache/models", HubCacheLayout.DefaultRoot(k => env.GetValueOrDefault(k)));
        Assert.Equal(
            Path.Combine(HubCacheLayout.CacheRoot(Environment.GetEnvironmentVariable), "embeddings"),
            ClipAudit.Audits.AuditRunOptions.DefaultCacheDirectory());
    }

    [Fact]
    public void DefaultRoot_NothingSet_IsDotCacheUnderHome()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine(home, ".cache", "clipaudit", "models"), HubCacheLayout.DefaultRoot(_ => null));
    }

    [Theory]
    [InlineData("main", "fp32", "/c/Xenova/clip-vit-base-patch16/main")]
    [InlineData("main", "fp16", "/c/Xenova/clip-vit-base-patch16/main_fp16")]
    [InlineData("refs/pr/1", "fp32", "/c/Xenova/clip-vit-base-patch16/refs--pr--1")]
    public void FolderFor_PutsEachRevisionAndVariantInItsOwnFolder(string revision, string variant, string expected)
    {
        Assert.Equal(expected, HubCacheLayout.FolderFor("/c", "Xenova/clip-vit-base-patch16", revision, variant));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("owner/../x")]
    [InlineData("owner/name/extra")]
    public void FolderFor_RepositoryIdThatCouldEscapeTheCache_Throws(string repo)
    {
        Assert.Throws<InvalidConfigException>(() => HubCacheLayout.FolderFor("/c", repo, "main", "fp32"));
    }

    [Fact]
    public void ResolveUrl_EscapesRevisionLikeHuggingfaceHub()
    {
        Assert.Equal(
            "https://huggingface.co/Xenova/clip-vit-large-patch14/resolve/refs%2Fpr%2F1/onnx/text_model.onnx",
            HubUrls.ResolveUrl(HubUrls.DefaultEndpoint, "Xenova/clip-vit-large-patch14", "refs/pr/1", "onnx/text_model.onnx").AbsoluteUri);
    }

    [Fact]
    public void ResolveRepo_ShortCatalogueName_GivesFullRepositoryId()
    {
        Assert.Equal("Xenova/clip-vit-large-patch14", HubCatalogue.ResolveRepo("clip-vit-large-patch14"));
        Assert.Equal("me/my-clip", HubCatalogue.ResolveRepo("me/my-clip"));
        Assert.Throws<InvalidConfigException>(() => HubCatalogue.ResolveRepo("clip-vit-huge"));
    }

    [Fact]
    public void FilesFor_DefaultIsFp32_AndUnknownVariantThrows()
    {
        Assert.Equal(["onnx/vision_model.onnx", "onnx/text_model.onnx"], HubVariants.FilesFor("fp32").Take(2));
        Assert.Equal(["onnx/vision_model_quantized.onnx", "onnx/text_model_quantized.onnx"], HubVariants.FilesFor("quantized").Take(2));
        Assert.Contains("tokenizer.json", HubVariants.FilesFor("fp16"));
        Assert.Throws<InvalidConfigException>(() => HubVariants.FilesFor("int3"));
    }

    [Theory]
    [InlineData("\"0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c\"", "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c")]
    [InlineData("W/\"0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C\"", "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c")]
    [InlineData("\"a9993e364706816aba3e25717850c26c9cd0d89d\"", null)]
    [InlineData(null, null)]
    public void Sha256FromEtag_AcceptsOnlyA64DigitHexDigest(string? etag, string? expected)
    {
        Assert.Equal(expected, HubFileDownload.Sha256FromEtag(etag));
    }
}
