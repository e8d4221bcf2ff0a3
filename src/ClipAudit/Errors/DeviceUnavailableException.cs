namespace ClipAudit.Errors;

/// <summary>The requested compute device (a CUDA GPU) cannot be used: missing provider, driver, CUDA or cuDNN.</summary>
internal sealed class DeviceUnavailableException(string message, Exception? inner = null)
    : ClipAuditInputException(message, null, null, inner);
