using System.Net;

namespace ClipAudit.Tools.Hub;

/// <summary>
/// The HttpClient used for real downloads. Redirects are followed by <see cref="HubFileDownload"/> itself because the
/// hub's first response (the 302 to its CDN) carries the X-Linked-Size and X-Linked-Etag headers we verify against.
/// </summary>
internal static class HubHttp
{
    /// <summary>Fail fast when offline: a firewall that drops packets must not leave the user waiting minutes.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        // Timeout covers only the wait for response headers (bodies are read with ResponseHeadersRead and an idle timeout).
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"clipaudit/{ToolInfo.Version}");
        return client;
    }
}
