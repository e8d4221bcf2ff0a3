using System.Text.RegularExpressions;
using ClipAudit.Errors;

namespace ClipAudit.Models.Hub;

/// <summary>Validation of hub repository ids and revisions (the cache layout names folders after them; the download's URLs are in ClipAudit.Tools).</summary>
internal static partial class HubNames
{
    public static void ValidateRepo(string repo)
    {
        if (!RepoPattern().IsMatch(repo) || repo.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidConfigException(
                $"'{repo}' is not a hub repository id. Expected owner/name with letters, digits, '.', '_' or '-', e.g. Xenova/clip-vit-base-patch32.");
        }
    }

    public static void ValidateRevision(string revision)
    {
        if (!RevisionPattern().IsMatch(revision) || revision.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidConfigException(
                $"--revision '{revision}' is not a branch, tag or commit name. Expected letters, digits, '.', '_', '-' or '/', e.g. main.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex RepoPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    private static partial Regex RevisionPattern();
}
