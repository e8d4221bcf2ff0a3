using ClipAudit.Errors;

namespace ClipAudit.Tools.Hub;

/// <summary>
/// The hub could not be reached (no DNS, refused, timed out, or an HTTP error other than "not found").
/// The message tells the user which files to place where by hand; exits 2 like any input problem.
/// </summary>
internal sealed class HubUnreachableException : ClipAuditInputException
{
    public HubUnreachableException(string reason, string folder, IReadOnlyList<(string Path, Uri Url)> missing, Exception? inner = null)
        : base(Describe(reason, folder, missing), folder, null, inner)
    {
        Folder = folder;
        Missing = missing;
    }

    public string Folder { get; }

    /// <summary>The relative paths still missing under <see cref="Folder"/> and where to download each.</summary>
    public IReadOnlyList<(string Path, Uri Url)> Missing { get; }

    private static string Describe(string reason, string folder, IReadOnlyList<(string Path, Uri Url)> missing)
    {
        var width = missing.Count == 0 ? 0 : missing.Max(m => m.Path.Length);
        var lines = string.Join(Environment.NewLine, missing.Select(m => $"  {m.Path.PadRight(width)}  {m.Url}"));
        return $"cannot reach the Hugging Face hub: {reason}." + Environment.NewLine +
            $"To install the model by hand, download these files on a machine with internet access and place them under" +
            Environment.NewLine + $"  {folder}" + Environment.NewLine +
            "keeping their relative paths (onnx/ is a subfolder):" + Environment.NewLine + lines + Environment.NewLine +
            "Then run 'clipaudit models list' (with the same --cache, if you gave one) to check the folder is complete. Partial downloads (*.partial) are kept; " +
            "re-running 'clipaudit models pull' resumes them.";
    }
}
