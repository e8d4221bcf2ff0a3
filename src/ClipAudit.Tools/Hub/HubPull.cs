using ClipAudit.Errors;
using ClipAudit.Models.Hub;

namespace ClipAudit.Tools.Hub;

/// <summary>What to pull and where to put it. <see cref="Endpoint"/> is https://huggingface.co/ unless a mirror is set.</summary>
internal sealed record HubPullRequest(string Repo, string Revision, string Variant, string Folder)
{
    public Uri Endpoint { get; init; } = HubUrls.DefaultEndpoint;
}

/// <summary>
/// Pulls one variant of a CLIP export: lists the revision (sizes and SHA-256), downloads each missing file with
/// resume and verification, then writes <c>clipaudit-source.json</c>. The HttpClient is the seam: tests pass one
/// built on an in-process HttpMessageHandler.
/// </summary>
internal static class HubPull
{
    public static async Task<PulledModel> RunAsync(
        HttpClient http, HubPullRequest request, IProgress<HubProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        HubNames.ValidateRepo(request.Repo);
        HubNames.ValidateRevision(request.Revision);
        var files = HubFamilies.FilesFor(request.Repo, request.Variant);
        var wanted = files.All
            .Select(p => (Path: p, Url: HubUrls.ResolveUrl(request.Endpoint, request.Repo, request.Revision, p)))
            .ToList();

        HubListing? listing;
        try
        {
            listing = await HubListing.FetchAsync(http, request.Endpoint, request.Repo, request.Revision, cancellation);
        }
        catch (HttpRequestException ex)
        {
            throw new HubUnreachableException(ex.Message, request.Folder, wanted, ex);
        }

        if (listing is not null)
        {
            RequireFilesListed(listing, request, files.Required);
        }

        // Optional files (a second tokenizer format, special_tokens_map.json) are fetched when the repository has them;
        // without a listing only the required ones are tried.
        wanted = wanted.Where(w => files.Required.Contains(w.Path) || listing?.Find(w.Path) is not null).ToList();

        var pulled = new List<PulledFile>();
        foreach (var (path, url) in wanted)
        {
            var expected = listing?.Find(path) ?? new HubFileExpectation(path, null, null);
            try
            {
                pulled.Add(await HubFileDownload.DownloadAsync(http, url, Path.Combine(request.Folder, path), expected, progress, cancellation));
            }
            catch (HttpRequestException ex)
            {
                var missing = wanted.Where(w => !pulled.Exists(p => p.Path == w.Path)).ToList();
                throw new HubUnreachableException(ex.Message, request.Folder, missing, ex);
            }
        }

        var model = new PulledModel(request.Folder, request.Repo, request.Revision, listing?.Commit, request.Variant, pulled);
        HubProvenance.Write(model, DateTimeOffset.UtcNow);
        return model;
    }

    // Fails before downloading anything when the repository lacks a file, naming the variants it does have.
    private static void RequireFilesListed(HubListing listing, HubPullRequest request, IReadOnlyList<string> paths)
    {
        var absent = paths.Where(p => listing.Find(p) is null).ToList();
        if (absent.Count == 0)
        {
            return;
        }

        var available = HubVariants.Names.Where(v => HubFamilies.IsImmich(request.Repo) ? v == HubVariants.Default : HubFamilies.FilesFor(request.Repo, v).Required.All(p => listing.Find(p) is not null)).ToList();
        throw new InvalidConfigException(
            $"'{request.Repo}' at revision '{request.Revision}' has no {string.Join(", ", absent)}, which --variant {request.Variant} needs. " +
            (available.Count > 0
                ? $"Complete variants there: {string.Join(", ", available)}; pick one with --variant."
                : $"No variant is complete there; it does not have the {(HubFamilies.IsImmich(request.Repo) ? "immich layout (visual/model.onnx, textual/model.onnx, configs)" : $"transformers.js {HubFamilies.FamilyOf(request.Repo) ?? "clip"} layout (onnx/vision_model*.onnx, onnx/text_model*.onnx, tokenizer and preprocessor configs)")}."));
    }
}
