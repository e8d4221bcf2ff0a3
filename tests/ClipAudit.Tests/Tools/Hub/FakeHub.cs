using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClipAudit.Models.Hub;

namespace ClipAudit.Tests.Tools.Hub;

/// <summary>
/// An in-process Hugging Face hub: the model-info API, resolve URLs that redirect LFS files (*.onnx) to a CDN host with
/// X-Linked-Size/X-Linked-Etag like the real hub, and Range support. Knobs simulate the failures the downloader handles.
/// </summary>
internal sealed class FakeHub : HttpMessageHandler
{
    public const string Repo = "Xenova/clip-vit-base-patch32";

    /// <summary>The repository this hub serves (<see cref="Repo"/> unless a test serves another family's).</summary>
    public string RepoId { get; init; } = Repo;
    private const string CdnHost = "cdn.fake-hub.test";

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Bytes served instead of <see cref="Files"/> (whose size and hash are what the listing and headers claim).</summary>
    public Dictionary<string, byte[]> ServedInstead { get; } = new(StringComparer.Ordinal);

    /// <summary>Serve only this many bytes of a file (once), as when a connection drops mid-download.</summary>
    public Dictionary<string, int> CutOnceAfter { get; } = new(StringComparer.Ordinal);

    public bool Offline { get; set; }

    public bool ApiAvailable { get; set; } = true;

    public bool IgnoreRange { get; set; }

    /// <summary>Answer 404 without the hub's X-Error-Code header, as an intercepting proxy or firewall page does.</summary>
    public bool ForeignNotFound { get; set; }

    public List<(Uri Url, RangeHeaderValue? Range, HttpStatusCode Status)> Requests { get; } = [];

    public static FakeHub WithVariants(params string[] variants)
    {
        var hub = new FakeHub();
        var seed = 1;
        foreach (var path in variants.SelectMany(HubVariants.FilesFor).Distinct(StringComparer.Ordinal))
        {
            hub.Files[path] = Content(path, path.EndsWith(".onnx", StringComparison.Ordinal) ? 5000 + (97 * seed++) : 300);
        }

        return hub;
    }

    /// <summary>Deterministic bytes that differ per file, so a file served under the wrong name would be caught.</summary>
    public static byte[] Content(string path, int length)
    {
        var seed = Encoding.UTF8.GetBytes(path);
        return [.. Enumerable.Range(0, length).Select(i => (byte)((i * 31) + seed[i % seed.Length]))];
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public HttpClient Client() => new(this, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = Answer(request);
        Requests.Add((request.RequestUri!, request.Headers.Range, response.StatusCode));
        return Task.FromResult(response);
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        if (Offline)
        {
            throw new HttpRequestException("Name or service not known (huggingface.co:443)");
        }

        var url = request.RequestUri!;
        var path = Uri.UnescapeDataString(url.AbsolutePath);
        if (ForeignNotFound)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        if (path.StartsWith("/api/models/", StringComparison.Ordinal) && !path.StartsWith($"/api/models/{RepoId}/revision/", StringComparison.Ordinal))
        {
            return NotFound("RepoNotFound");
        }

        if (path.StartsWith($"/api/models/{RepoId}/revision/", StringComparison.Ordinal))
        {
            return ApiAvailable ? Json(Listing()) : new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }

        if (url.Host == CdnHost)
        {
            return Serve(path.TrimStart('/'), request.Headers.Range);
        }

        var prefix = $"/{RepoId}/resolve/main/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !Files.TryGetValue(path[prefix.Length..], out var bytes))
        {
            return NotFound("EntryNotFound");
        }

        var file = path[prefix.Length..];
        if (!file.EndsWith(".onnx", StringComparison.Ordinal))
        {
            return Serve(file, request.Headers.Range);
        }

        var redirect = new HttpResponseMessage(HttpStatusCode.Found);
        redirect.Headers.Location = new Uri($"https://{CdnHost}/{file}");
        redirect.Headers.Add("X-Linked-Size", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        redirect.Headers.Add("X-Linked-Etag", $"\"{Sha256(bytes)}\"");
        return redirect;
    }

    private HttpResponseMessage Serve(string file, RangeHeaderValue? range)
    {
        var bytes = ServedInstead.GetValueOrDefault(file) ?? Files[file];
        if (CutOnceAfter.Remove(file, out var cut))
        {
            bytes = bytes[..cut];
        }

        var from = range?.Ranges.Single().From ?? 0;
        if (range is null || IgnoreRange)
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
        }

        var partial = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(bytes[(int)from..]) };
        partial.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, bytes.Length - 1, bytes.Length);
        return partial;
    }

    // The shape of /api/models/{repo}/revision/{rev}?blobs=true: LFS files carry lfs.sha256, others only size.
    private object Listing() => new
    {
        id = RepoId,
        sha = "0123456789abcdef0123456789abcdef01234567",
        siblings = Files.Select(f => f.Key.EndsWith(".onnx", StringComparison.Ordinal)
            ? (object)new { rfilename = f.Key, size = f.Value.Length, blobId = "b", lfs = new { sha256 = Sha256(f.Value), size = f.Value.Length, pointerSize = 134 } }
            : new { rfilename = f.Key, size = f.Value.Length, blobId = "b" }),
    };

    private static HttpResponseMessage NotFound(string hubErrorCode)
    {
        var response = new HttpResponseMessage(HttpStatusCode.NotFound);
        response.Headers.Add("X-Error-Code", hubErrorCode);
        return response;
    }

    private static HttpResponseMessage Json(object body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}
