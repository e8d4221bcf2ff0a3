using System.Net;
using System.Text.Json;
using ClipAudit.Errors;
using ClipAudit.Models.Hub;
using ClipAudit.Tools.Hub;

namespace ClipAudit.Tests.Tools.Hub;

public sealed class HubPullTests
{
    private const string Vision = "onnx/vision_model.onnx";

    private static HubPullRequest Request(TempFolder temp, string variant = "fp32") =>
        new(FakeHub.Repo, "main", variant, HubCacheLayout.FolderFor(temp.Root, FakeHub.Repo, "main", variant));

    private static PulledModel Pull(FakeHub hub, HubPullRequest request)
    {
        using var http = hub.Client();
        return HubPull.RunAsync(http, request).GetAwaiter().GetResult();
    }

    [Fact]
    public void Pull_AllFilesServed_WritesEveryFileAndProvenanceWithTheirSha256()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        var request = Request(temp);

        var model = Pull(hub, request);

        Assert.Equal(HubVariants.FilesFor("fp32"), model.Files.Select(f => f.Path));
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", model.Commit);
        foreach (var (path, bytes) in hub.Files)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(request.Folder, path)));
        }

        Assert.Empty(Directory.EnumerateFiles(request.Folder, "*.partial", SearchOption.AllDirectories));
        using var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.Folder, "clipaudit-source.json")));
        Assert.Equal(FakeHub.Repo, provenance.RootElement.GetProperty("repo").GetString());
        var files = provenance.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(9, files.Count);
        foreach (var file in files)
        {
            var bytes = hub.Files[file.GetProperty("path").GetString()!];
            Assert.Equal(bytes.Length, file.GetProperty("size").GetInt64());
            Assert.Equal(FakeHub.Sha256(bytes), file.GetProperty("sha256").GetString());
        }
    }

    [Fact]
    public void Pull_PartialFileExists_ResumesWithRangeHeaderAnd206()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        var request = Request(temp);
        var full = hub.Files[Vision];
        temp.Write(Path.Combine(request.Folder, Vision + ".partial"), full[..1000]);

        Pull(hub, request);

        var cdn = hub.Requests.Single(r => r.Url.Host == "cdn.fake-hub.test" && r.Url.AbsolutePath.EndsWith(Vision, StringComparison.Ordinal));
        Assert.Equal(1000, cdn.Range?.Ranges.Single().From);
        Assert.Equal(HttpStatusCode.PartialContent, cdn.Status);
        Assert.Equal(full, File.ReadAllBytes(Path.Combine(request.Folder, Vision)));
        Assert.False(File.Exists(Path.Combine(request.Folder, Vision + ".partial")));
    }

    [Fact]
    public void Pull_ServerIgnoresRange_RewritesThePartialFromTheStart()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.IgnoreRange = true;
        var request = Request(temp);
        temp.Write(Path.Combine(request.Folder, Vision + ".partial"), new byte[1000]);

        Pull(hub, request);

        Assert.Equal(hub.Files[Vision], File.ReadAllBytes(Path.Combine(request.Folder, Vision)));
    }

    [Fact]
    public void Pull_ConnectionDropsMidFile_KeepsPartialAndFailsAsUnreachable_ThenResumes()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.CutOnceAfter[Vision] = 2000;
        var request = Request(temp);

        var error = Assert.Throws<HubUnreachableException>(() => Pull(hub, request));
        Assert.Contains("ended after 2000 of", error.Message, StringComparison.Ordinal);
        Assert.Equal(2000, new FileInfo(Path.Combine(request.Folder, Vision + ".partial")).Length);

        Pull(hub, request);

        Assert.Equal(2000, hub.Requests.Last(r => r.Url.AbsolutePath.EndsWith(Vision, StringComparison.Ordinal)).Range?.Ranges.Single().From);
        Assert.Equal(hub.Files[Vision], File.ReadAllBytes(Path.Combine(request.Folder, Vision)));
    }

    [Fact]
    public void Pull_ContentDiffersFromListedSha256_DeletesPartialAndThrows()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        var corrupt = (byte[])hub.Files[Vision].Clone();
        corrupt[17] ^= 0xFF;
        hub.ServedInstead[Vision] = corrupt;
        var request = Request(temp);

        var error = Assert.Throws<InvalidModelException>(() => Pull(hub, request));

        Assert.Contains(FakeHub.Sha256(hub.Files[Vision]), error.Message, StringComparison.Ordinal);
        Assert.Contains(FakeHub.Sha256(corrupt), error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(request.Folder, Vision + ".partial")));
        Assert.False(File.Exists(Path.Combine(request.Folder, Vision)));
        Assert.False(File.Exists(Path.Combine(request.Folder, HubProvenance.FileName)));
    }

    [Fact]
    public void Pull_MoreBytesThanListed_DeletesPartialAndThrows()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.ServedInstead["config.json"] = [.. hub.Files["config.json"], 0x20];
        var request = Request(temp);

        var error = Assert.Throws<InvalidModelException>(() => Pull(hub, request));

        Assert.Contains("has 301 bytes, the hub lists 300", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(request.Folder, "config.json.partial")));
    }

    [Fact]
    public void Pull_ApiUnavailable_VerifiesOnnxFilesAgainstXLinkedEtag()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.ApiAvailable = false;
        var corrupt = (byte[])hub.Files[Vision].Clone();
        corrupt[0] ^= 1;
        hub.ServedInstead[Vision] = corrupt;

        var error = Assert.Throws<InvalidModelException>(() => Pull(hub, Request(temp)));

        Assert.Contains(FakeHub.Sha256(hub.Files[Vision]), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_HubUnreachable_MessageNamesFolderAndEveryFileWithItsUrl()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.Offline = true;
        var request = Request(temp);

        var error = Assert.Throws<HubUnreachableException>(() => Pull(hub, request));

        Assert.Equal(request.Folder, error.Folder);
        Assert.Contains(request.Folder, error.Message, StringComparison.Ordinal);
        foreach (var path in HubVariants.FilesFor("fp32"))
        {
            Assert.Contains($"https://huggingface.co/{FakeHub.Repo}/resolve/main/{path}", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(9, error.Missing.Count);
        Assert.False(Directory.Exists(request.Folder));
    }

    [Fact]
    public void Pull_SecondTime_ReusesVerifiedFilesWithoutDownloading()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        var request = Request(temp);
        Pull(hub, request);
        hub.Requests.Clear();

        var again = Pull(hub, request);

        Assert.All(again.Files, f => Assert.True(f.AlreadyPresent, f.Path));
        Assert.Single(hub.Requests);
        Assert.Contains("/api/models/", hub.Requests[0].Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_QuantizedVariant_FetchesQuantizedEncodersIntoTheirOwnFolder()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32", "quantized");
        var request = Request(temp, "quantized");

        var model = Pull(hub, request);

        Assert.EndsWith("main_quantized", model.Folder, StringComparison.Ordinal);
        Assert.Equal(hub.Files["onnx/vision_model_quantized.onnx"], File.ReadAllBytes(Path.Combine(model.Folder, "onnx/vision_model_quantized.onnx")));
        Assert.False(File.Exists(Path.Combine(model.Folder, Vision)));
    }

    [Fact]
    public void Pull_VariantNotOnHub_FailsBeforeDownloadingAndNamesAvailableVariants()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32", "fp16");

        var error = Assert.Throws<InvalidConfigException>(() => Pull(hub, Request(temp, "q4")));

        Assert.Contains("onnx/vision_model_q4.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("Complete variants there: fp32, fp16", error.Message, StringComparison.Ordinal);
        Assert.Single(hub.Requests);
    }

    [Fact]
    public void Pull_UnknownRepository_ThrowsInvalidConfig()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        var request = new HubPullRequest("someone/not-there", "main", "fp32", temp.PathOf("x"));

        var error = Assert.Throws<InvalidConfigException>(() => Pull(hub, request));

        Assert.Contains("'someone/not-there'", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404 RepoNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_FileMissingOnHubWithoutListing_ThrowsInvalidConfigNamingTheFile()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.ApiAvailable = false;
        hub.Files.Remove("tokenizer.json");

        var error = Assert.Throws<InvalidConfigException>(() => Pull(hub, Request(temp)));

        Assert.Contains("no file 'tokenizer.json' (HTTP 404 EntryNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_404WithoutHubErrorCode_IsTreatedAsUnreachableNotAsMissingModel()
    {
        using var temp = new TempFolder();
        var hub = FakeHub.WithVariants("fp32");
        hub.ForeignNotFound = true;

        var error = Assert.Throws<HubUnreachableException>(() => Pull(hub, Request(temp)));

        Assert.Contains("proxy or firewall", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Missing.Count);
    }
}
