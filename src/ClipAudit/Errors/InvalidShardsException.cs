namespace ClipAudit.Errors;

/// <summary>A folder of embedding shards is incomplete, or its shards do not come from one model, preprocessing and dataset.</summary>
internal sealed class InvalidShardsException(string message, string? path = null, Exception? inner = null)
    : ClipAuditInputException(message, path, null, inner);
