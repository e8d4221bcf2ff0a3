namespace ClipAudit.Tools.Hub;

/// <summary>The hub's URLs for a repository's files and its model-info API (names validated by <c>HubNames</c> first).</summary>
internal static class HubUrls
{
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co/");

    /// <summary><c>{endpoint}/{repo}/resolve/{revision}/{path}</c>, the revision escaped like huggingface_hub does (refs/pr/1 → refs%2Fpr%2F1).</summary>
    public static Uri ResolveUrl(Uri endpoint, string repo, string revision, string path) =>
        new(endpoint, $"{repo}/resolve/{Uri.EscapeDataString(revision)}/{EscapePath(path)}");

    /// <summary>The model-info API with per-file sizes and LFS SHA-256 (<c>?blobs=true</c>).</summary>
    public static Uri ApiUrl(Uri endpoint, string repo, string revision) =>
        new(endpoint, $"api/models/{repo}/revision/{Uri.EscapeDataString(revision)}?blobs=true");

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
