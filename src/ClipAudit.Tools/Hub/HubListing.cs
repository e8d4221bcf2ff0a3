using System.Net;
using System.Text.Json;
using ClipAudit.Errors;

namespace ClipAudit.Tools.Hub;

/// <summary>
/// A repository's file list at one revision from <c>/api/models/{repo}/revision/{rev}?blobs=true</c>: every sibling's
/// size, and for LFS files (the ONNX weights) the SHA-256 of the content.
/// </summary>
internal sealed class HubListing
{
    private readonly Dictionary<string, HubFileExpectation> files;

    private HubListing(string? commit, Dictionary<string, HubFileExpectation> files)
    {
        Commit = commit;
        this.files = files;
    }

    /// <summary>The commit the revision pointed to when listed; recorded in provenance.</summary>
    public string? Commit { get; }

    public IReadOnlyCollection<string> Paths => files.Keys;

    public HubFileExpectation? Find(string path) => files.GetValueOrDefault(path);

    /// <summary>
    /// Fetches the listing. Returns null when the API answers with an unexpected status or body (downloads then fall
    /// back to the X-Linked-* headers); throws <see cref="InvalidConfigException"/> when the repo or revision does not
    /// exist, and lets <see cref="HttpRequestException"/> through when the hub cannot be reached.
    /// </summary>
    public static async Task<HubListing?> FetchAsync(HttpClient http, Uri endpoint, string repo, string revision, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(http);
        var url = HubUrls.ApiUrl(endpoint, repo, revision);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await HubFileDownload.SendAsync(http, request, cancellation);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // The hub answers 401 rather than 404 for repositories that do not exist, so as not to reveal private ones.
            var code = HubFileDownload.HubErrorCode(response, url);
            throw new InvalidConfigException(
                $"the hub has no public model '{repo}' at revision '{revision}' (HTTP {(int)response.StatusCode} {code} from {url}). " +
                "Check the spelling and the revision; private and gated repositories are not supported, download those by hand.");
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        // HttpClient.Timeout stops at the headers (ResponseHeadersRead), so the body gets its own limit.
        using var bodyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bodyTimeout.CancelAfter(HubFileDownload.IdleTimeout);
        try
        {
            return Parse(await response.Content.ReadAsStringAsync(bodyTimeout.Token));
        }
        catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
        {
            throw new HttpRequestException($"the file list from {url.Host} did not arrive within {HubFileDownload.IdleTimeout.TotalSeconds:0} s", ex);
        }
    }

    /// <summary>Parses the API body; null when it is not the expected shape.</summary>
    public static HubListing? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("siblings", out var siblings) || siblings.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var files = new Dictionary<string, HubFileExpectation>(StringComparer.Ordinal);
            foreach (var sibling in siblings.EnumerateArray())
            {
                if (sibling.ValueKind != JsonValueKind.Object || !sibling.TryGetProperty("rfilename", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                long? size = sibling.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
                string? sha = null;
                if (sibling.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
                {
                    sha = lfs.TryGetProperty("sha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString()?.ToLowerInvariant() : null;
                    size ??= lfs.TryGetProperty("size", out var ls) && ls.ValueKind == JsonValueKind.Number ? ls.GetInt64() : null;
                }

                files[name.GetString()!] = new HubFileExpectation(name.GetString()!, size, sha);
            }

            var commit = root.TryGetProperty("sha", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new HubListing(commit, files);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
