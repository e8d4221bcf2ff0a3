namespace ClipAudit.Tools.Hub;

/// <summary>What the hub says a file should be; either part may be unknown (non-LFS files have no published SHA-256).</summary>
internal sealed record HubFileExpectation(string Path, long? Size, string? Sha256);

/// <summary>A file that is in place and verified: its size and the SHA-256 computed while writing it.</summary>
internal sealed record PulledFile(string Path, long Size, string Sha256, Uri Url, bool AlreadyPresent);

/// <summary>The outcome of a pull: the folder to pass to <c>--model</c> and its verified files.</summary>
internal sealed record PulledModel(string Folder, string Repo, string Revision, string? Commit, string Variant, IReadOnlyList<PulledFile> Files);

/// <summary>What a download is doing, reported as it goes so the CLI can show progress.</summary>
internal enum HubProgressKind
{
    Started,
    Transferring,
    Completed,
    AlreadyPresent,
}

/// <summary>One progress report for one file; <see cref="ResumedFrom"/> is non-zero when a partial download was continued.</summary>
internal readonly record struct HubProgress(string Path, HubProgressKind Kind, long Bytes, long? TotalBytes, long ResumedFrom);
