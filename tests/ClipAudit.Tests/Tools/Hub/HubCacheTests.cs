using ClipAudit.Models.Hub;
using ClipAudit.Tools.Hub;

namespace ClipAudit.Tests.Tools.Hub;

public sealed class HubCacheTests
{
    [Fact]
    public async Task List_PulledFolder_IsCompleteWithProvenance()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        var request = new HubPullRequest(FakeHub.Repo, "main", "fp32", HubCacheLayout.FolderFor(temp.Root, FakeHub.Repo, "main", "fp32"));
        using (var http = hub.Client())
        {
            await HubPull.RunAsync(http, request);
        }

        var model = Assert.Single(HubCache.List(temp.Root));

        Assert.True(model.Complete);
        Assert.True(model.HasProvenance);
        Assert.Equal((FakeHub.Repo, "main", "fp32"), (model.Repo, model.Revision, model.Variant));
        Assert.Equal(hub.Files.Keys.Order(StringComparer.Ordinal), model.Files.Select(f => f.Path));
        Assert.Equal(hub.Files["onnx/vision_model.onnx"].Length, model.Files.Single(f => f.Path == "onnx/vision_model.onnx").Size);
    }

    [Fact]
    public async Task List_PulledFileLaterTruncated_ReportsWrongSize()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        var folder = HubCacheLayout.FolderFor(temp.Root, FakeHub.Repo, "main", "fp32");
        using (var http = hub.Client())
        {
            await HubPull.RunAsync(http, new HubPullRequest(FakeHub.Repo, "main", "fp32", folder));
        }

        File.WriteAllBytes(Path.Combine(folder, "vocab.json"), [1, 2, 3]);

        var model = Assert.Single(HubCache.List(temp.Root));
        Assert.False(model.Complete);
        Assert.Equal(["vocab.json"], model.WrongSize);
    }

    [Fact]
    public void List_FolderFilledByHand_IsCheckedAgainstItsVariantFiles()
    {
        using var temp = new TempFolder();
        foreach (var path in HubVariants.FilesFor("fp16").Where(p => p is not ("merges.txt" or "onnx/text_model_fp16.onnx")))
        {
            temp.Write($"acme/clip/v1.0_fp16/{path}", [1]);
        }

        temp.Write("acme/clip/v1.0_fp16/onnx/text_model_fp16.onnx.partial", new byte[7]);

        var model = Assert.Single(HubCache.List(temp.Root));

        Assert.Equal(("acme/clip", "v1.0", "fp16"), (model.Repo, model.Revision, model.Variant));
        Assert.False(model.HasProvenance);
        Assert.Equal(["onnx/text_model_fp16.onnx", "merges.txt"], model.Missing);
        Assert.True(model.Files.Single(f => f.Path == "onnx/text_model_fp16.onnx.partial").Partial);
    }

    [Fact]
    public void List_EmbeddingCacheUnderTheSameRoot_IsNotListedAsAModel()
    {
        using var temp = new TempFolder();
        temp.Write("embeddings/images/9d54f7f43e46c981/key.json", [1]);
        temp.Write("embeddings/images/9d54f7f43e46c981/segment-L0-0000000001.parquet", [1, 2]);
        temp.Write("embeddings/texts/53603d9e1358efa5/key.json", [1]);
        temp.Write("acme/clip/main/onnx/vision_model.onnx", [1]);

        var model = Assert.Single(HubCache.List(temp.Root));

        Assert.Equal("acme/clip", model.Repo);
    }

    [Fact]
    public void List_NoCacheFolder_IsEmpty()
    {
        using var temp = new TempFolder();

        Assert.Empty(HubCache.List(temp.PathOf("does-not-exist")));
    }
}
