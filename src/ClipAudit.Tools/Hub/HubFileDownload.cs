using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ClipAudit.Errors;

namespace ClipAudit.Tools.Hub;

/// <summary>
/// Downloads one file into <c>FILE.partial</c>, resuming with <c>Range: bytes=N-</c>, hashing while writing, and
/// renaming into place only after the size and SHA-256 match. Every network failure surfaces as
/// <see cref="HttpRequestException"/> so the caller has one type meaning "the hub cannot be reached".
/// </summary>
internal static class HubFileDownload
{
    private const int BufferBytes = 1 << 20;
    private const int MaxRedirects = 10;

    /// <summary>How long a body read may stall before the download is abandoned (the partial is kept for resuming).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellation)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        }
        catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
        {
            throw new HttpRequestException($"no answer from {request.RequestUri?.Host} (timed out)", ex);
        }
    }

    public static async Task<PulledFile> DownloadAsync(
        HttpClient http, Uri url, string target, HubFileExpectation expected, IProgress<HubProgress>? progress, CancellationToken cancellation)
    {
        if (File.Exists(target) && expected.Size is long known && new FileInfo(target).Length == known)
        {
            var existing = ContentHash.OfFile(target);
            if (expected.Sha256 is null || string.Equals(existing, expected.Sha256, StringComparison.Ordinal))
            {
                progress?.Report(new HubProgress(expected.Path, HubProgressKind.AlreadyPresent, known, known, 0));
                return new PulledFile(expected.Path, known, existing, url, AlreadyPresent: true);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        for (var attempt = 0; ; attempt++)
        {
            var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            if (expected.Size is long size && offset > size)
            {
                File.Delete(partial);
                offset = 0;
            }

            if (expected.Size is long complete && offset == complete && offset > 0)
            {
                // The previous run had every byte but stopped before verifying; no request needed.
                return Verify(partial, target, expected.Path, url, offset, ContentHash.OfFile(partial), complete, expected.Sha256, progress);
            }

            var (response, linkedSize, linkedSha) = await GetFollowingRedirectsAsync(http, url, offset, cancellation);
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    var code = HubErrorCode(response, url);
                    throw new InvalidConfigException(
                        $"the hub has no file '{expected.Path}' (HTTP 404 {code} from {url}). Check the repository, --revision and --variant.");
                }

                var restart = response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable ||
                    (response.StatusCode == HttpStatusCode.PartialContent && (offset == 0 || response.Content.Headers.ContentRange?.From != offset));
                if (restart && attempt == 0)
                {
                    // The server disagrees about our partial file: start it over once rather than splice mismatched bytes.
                    File.Delete(partial);
                    continue;
                }

                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PartialContent) || restart)
                {
                    throw new HttpRequestException(
                        $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {url.Host} for {expected.Path}", null, response.StatusCode);
                }

                var resumedFrom = response.StatusCode == HttpStatusCode.PartialContent ? offset : 0;
                var total = expected.Size ?? linkedSize ?? (resumedFrom > 0
                    ? response.Content.Headers.ContentRange?.Length
                    : response.Content.Headers.ContentLength);
                var (length, sha) = await WriteAsync(response, partial, resumedFrom, expected.Path, total, progress, cancellation);
                return Verify(partial, target, expected.Path, url, length, sha, total, expected.Sha256 ?? linkedSha, progress);
            }
        }
    }

    private static async Task<(HttpResponseMessage Response, long? LinkedSize, string? LinkedSha256)> GetFollowingRedirectsAsync(
        HttpClient http, Uri url, long offset, CancellationToken cancellation)
    {
        long? linkedSize = null;
        string? linkedSha = null;
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }

            var response = await SendAsync(http, request, cancellation);
            // Only the hub's own response carries these (the CDN it redirects to does not), so keep the first seen.
            linkedSize ??= long.TryParse(Header(response, "X-Linked-Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
            linkedSha ??= Sha256FromEtag(Header(response, "X-Linked-Etag"));
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= MaxRedirects)
                {
                    throw new HttpRequestException($"more than {MaxRedirects} redirects from {url}");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            return (response, linkedSize, linkedSha);
        }
    }

    private static async Task<(long Length, string Sha256)> WriteAsync(
        HttpResponseMessage response, string partial, long offset, string path, long? total, IProgress<HubProgress>? progress, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferBytes];
        await using var file = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        file.SetLength(offset);
        int read;
        while ((read = await file.ReadAsync(buffer, cancellation)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        progress?.Report(new HubProgress(path, HubProgressKind.Started, offset, total, offset));
        await using var body = await response.Content.ReadAsStreamAsync(cancellation);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var length = offset;
        while (true)
        {
            idle.CancelAfter(IdleTimeout);
            try
            {
                read = await body.ReadAsync(buffer, idle.Token);
            }
            catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
            {
                throw new HttpRequestException($"no data for {IdleTimeout.TotalSeconds:0} s while downloading {path} ({length} bytes kept)", ex);
            }
            catch (IOException ex)
            {
                throw new HttpRequestException($"the connection broke while downloading {path} ({length} bytes kept): {ex.Message}", ex);
            }

            if (read == 0)
            {
                break;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
            hash.AppendData(buffer, 0, read);
            length += read;
            progress?.Report(new HubProgress(path, HubProgressKind.Transferring, length, total, offset));
        }

        await file.FlushAsync(cancellation);
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static PulledFile Verify(
        string partial, string target, string path, Uri url, long length, string sha, long? size, string? expectedSha, IProgress<HubProgress>? progress)
    {
        if (size is long want && length < want)
        {
            throw new HttpRequestException($"the connection ended after {length} of {want} bytes of {path}");
        }

        if (size is long exact && length != exact)
        {
            File.Delete(partial);
            throw new InvalidModelException(
                $"'{path}' from {url} has {length} bytes, the hub lists {exact}. The download was deleted; run 'clipaudit models pull' again.", target);
        }

        if (expectedSha is not null && !string.Equals(sha, expectedSha, StringComparison.Ordinal))
        {
            File.Delete(partial);
            throw new InvalidModelException(
                $"'{path}' from {url} has SHA-256 {sha}, the hub lists {expectedSha}. The download was deleted; run 'clipaudit models pull' " +
                "again, and if it fails again a proxy may be altering the file.", target);
        }

        File.Move(partial, target, overwrite: true);
        progress?.Report(new HubProgress(path, HubProgressKind.Completed, length, length, 0));
        return new PulledFile(path, length, sha, url, AlreadyPresent: false);
    }

    /// <summary>
    /// The hub's own error code (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo) from <c>X-Error-Code</c>.
    /// A 4xx without it comes from something else, typically a proxy or firewall page, so it counts as "unreachable"
    /// rather than as proof that the model does not exist.
    /// </summary>
    internal static string HubErrorCode(HttpResponseMessage response, Uri url) =>
        Header(response, "X-Error-Code") ?? throw new HttpRequestException(
            $"HTTP {(int)response.StatusCode} from {url.Host} without the hub's X-Error-Code header, so a proxy or firewall is probably " +
            "answering instead of the hub", null, response.StatusCode);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>LFS files have the content SHA-256 as ETag; other files have a git SHA-1, which is not a content hash.</summary>
    internal static string? Sha256FromEtag(string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        var value = etag.Trim();
        value = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        value = value.Trim('"').ToLowerInvariant();
        return value.Length == 64 && value.All(char.IsAsciiHexDigit) ? value : null;
    }
}
