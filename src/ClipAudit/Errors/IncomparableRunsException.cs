namespace ClipAudit.Errors;

/// <summary>
/// Two audit output folders cannot be compared sample by sample: different tasks, class sets, groupings or data.
/// <see cref="ClipAuditInputException.FilePath"/> is the file in which the difference was found.
/// </summary>
public sealed class IncomparableRunsException(string message, string? path = null)
    : ClipAuditInputException(message, path);
