using ClipAudit.Errors;
using ClipAudit.Models.Hub;
using ClipAudit.Tools.Hub;

namespace ClipAudit.Tests.Tools.Hub;

/// <summary>Which files a pull fetches for each family's hub layout (offline: the in-process FakeHub).</summary>
public sealed class HubFamiliesTests
{
    [Theory]
    [InlineData("Xenova/clip-vit-base-patch32", "clip")]
    [InlineData("Xenova/siglip-base-patch16-224", "siglip")]
    [InlineData("onnx-community/siglip2-base-patch16-224-ONNX", "siglip2")]
    [InlineData("Xenova/mobileclip_s0", "mobileclip")]
    [InlineData("immich-app/ViT-B-32__openai", "openclip")]
    [InlineData("immich-app/ViT-B-16-SigLIP__webli", "siglip")]
    [InlineData("someone/resnet-50", null)]
    public void FamilyOf_RepositoryName_GivesTheFamily(string repo, string? family) => Assert.Equal(family, HubFamilies.FamilyOf(repo));

    [Fact]
    public void FilesFor_Immich_FetchesTheTowersAndTheirConfigs()
    {
        var files = HubFamilies.FilesFor("immich-app/ViT-B-32__openai", "fp32");
        Assert.Equal(["visual/model.onnx", "textual/model.onnx", "config.json", "visual/preprocess_cfg.json", "textual/tokenizer.json", "textual/tokenizer_config.json"], files.Required);
        Assert.Throws<InvalidConfigException>(() => HubFamilies.FilesFor("immich-app/ViT-B-32__openai", "fp16"));
    }

    [Fact]
    public void FilesFor_Siglip_NeedsTheSentencePieceModelNotVocabJson()
    {
        var files = HubFamilies.FilesFor("Xenova/siglip-base-patch16-224", "quantized");
        Assert.Equal("onnx/vision_model_quantized.onnx", files.Required[0]);
        Assert.Contains("spiece.model", files.Required);
        Assert.DoesNotContain("vocab.json", files.All);
        Assert.Contains("tokenizer.model", HubFamilies.FilesFor("onnx-community/siglip2-base-patch16-224-ONNX", "fp32").Required);
    }

    [Fact]
    public void FilesFor_Clip_IsUnchanged()
    {
        var files = HubFamilies.FilesFor("Xenova/clip-vit-base-patch32", "fp16");
        Assert.Equal(HubVariants.FilesFor("fp16"), files.Required);
        Assert.Empty(files.Optional);
    }

    [Fact]
    public async Task Pull_Siglip_FetchesRequiredAndListedOptionalFilesOnly()
    {
        using var temp = new TempFolder();
        const string repo = "Xenova/siglip-base-patch16-224";
        var hub = new FakeHub { RepoId = repo };
        var set = HubFamilies.FilesFor(repo, "fp32");
        foreach (var path in set.Required.Append("special_tokens_map.json"))
        {
            hub.Files[path] = FakeHub.Content(path, path.EndsWith(".onnx", StringComparison.Ordinal) ? 5000 : 300);
        }

        var request = new HubPullRequest(repo, "main", "fp32", HubCacheLayout.FolderFor(temp.Root, repo, "main", "fp32"));
        using var http = hub.Client();
        var model = await HubPull.RunAsync(http, request);

        Assert.Equal(set.Required.Append("special_tokens_map.json"), model.Files.Select(f => f.Path));
        Assert.False(File.Exists(Path.Combine(request.Folder, "tokenizer.json")));
        Assert.True(HubCache.Describe(request.Folder).Complete);
    }

    [Fact]
    public async Task Pull_SiglipWithoutSpieceModel_RefusesBeforeDownloadingNamingIt()
    {
        using var temp = new TempFolder();
        const string repo = "Xenova/siglip-base-patch16-224";
        var hub = new FakeHub { RepoId = repo };
        foreach (var path in HubFamilies.FilesFor(repo, "fp32").Required.Where(p => p != "spiece.model"))
        {
            hub.Files[path] = FakeHub.Content(path, 300);
        }

        var request = new HubPullRequest(repo, "main", "fp32", HubCacheLayout.FolderFor(temp.Root, repo, "main", "fp32"));
        using var http = hub.Client();
        var e = await Assert.ThrowsAsync<InvalidConfigException>(() => HubPull.RunAsync(http, request));
        Assert.Contains("spiece.model", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(request.Folder, "onnx", "vision_model.onnx")));
    }
}
