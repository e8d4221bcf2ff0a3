using System.Runtime.InteropServices;

namespace ClipAudit.Models;

/// <summary>
/// Hands freed native memory back to the operating system after an ONNX Runtime session is released. ONNX Runtime
/// allocates weights with malloc; glibc keeps freed chunks below the top of its heap, so without a trim a released
/// session's memory stays resident. Measured with ViT-B/32 (vision + text sessions, 747 MB): releasing the text session
/// alone went to 656 MB, with a trim to 398 MB. Elsewhere (musl, macOS, Windows) this does nothing.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable;

    public static void Trim()
    {
        if (_unavailable || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole library, for one call.
    // glibc's soname: a bare "libc" can meet libc.so, which is a linker script where libc6-dev is installed.
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
