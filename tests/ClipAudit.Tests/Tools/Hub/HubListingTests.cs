using ClipAudit.Tools.Hub;

namespace ClipAudit.Tests.Tools.Hub;

public sealed class HubListingTests
{
    // Trimmed from the shape of https://huggingface.co/api/models/{repo}/revision/main?blobs=true (huggingface_hub's RepoSibling).
    private const string Body = """
        {"_id":"x","id":"Xenova/clip-vit-base-patch32","sha":"3e1bd1ec2f6e7a0e4a0dbc5cb9e1df9ffd4fdf7b",
         "siblings":[
           {"rfilename":"config.json","blobId":"9f2d","size":4414},
           {"rfilename":"onnx/vision_model.onnx","blobId":"77aa","size":351512345,
            "lfs":{"sha256":"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789","size":351512345,"pointerSize":135}},
           {"rfilename":"odd-entry"}
         ]}
        """;

    [Fact]
    public void Parse_ApiBody_GivesSizesLfsSha256AndCommit()
    {
        var listing = HubListing.Parse(Body)!;

        Assert.Equal("3e1bd1ec2f6e7a0e4a0dbc5cb9e1df9ffd4fdf7b", listing.Commit);
        Assert.Equal(new HubFileExpectation("config.json", 4414, null), listing.Find("config.json"));
        Assert.Equal(
            new HubFileExpectation("onnx/vision_model.onnx", 351512345, "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"),
            listing.Find("onnx/vision_model.onnx"));
        Assert.Equal(new HubFileExpectation("odd-entry", null, null), listing.Find("odd-entry"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("[1,2]")]
    public void Parse_UnexpectedBody_ReturnsNullSoDownloadsFallBackToHeaders(string body)
    {
        Assert.Null(HubListing.Parse(body));
    }
}
