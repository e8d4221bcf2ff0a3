using System.Text.Json;

namespace ClipAudit.Tools.Hub;

/// <summary>One file as recorded in <c>clipaudit-source.json</c>.</summary>
internal sealed record ProvenanceFile(string Path, long Size, string Sha256, string Url);

/// <summary>Where a pulled model came from (not to be confused with Audits.ModelProvenance, what an audit used): written beside the files after a complete pull.</summary>
internal sealed record PullRecord(
    string Tool, string Repo, string Revision, string? Commit, string Variant, DateTimeOffset DownloadedUtc, IReadOnlyList<ProvenanceFile> Files);

/// <summary>Reads and writes <c>clipaudit-source.json</c>.</summary>
internal static class HubProvenance
{
    public const string FileName = "clipaudit-source.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Write(PulledModel model, DateTimeOffset downloadedUtc)
    {
        ArgumentNullException.ThrowIfNull(model);
        var provenance = new PullRecord(
            $"{ToolInfo.Name} {ToolInfo.Version}", model.Repo, model.Revision, model.Commit, model.Variant, downloadedUtc,
            [.. model.Files.Select(f => new ProvenanceFile(f.Path, f.Size, f.Sha256, f.Url.ToString()))]);
        var path = Path.Combine(model.Folder, FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(provenance, Json) + "\n");
        return path;
    }

    /// <summary>The folder's provenance, or null when the file is absent or not readable as provenance.</summary>
    public static PullRecord? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var provenance = JsonSerializer.Deserialize<PullRecord>(File.ReadAllText(path), Json);
            return provenance is { Repo: not null, Revision: not null, Variant: not null, Files: not null } ? provenance : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
