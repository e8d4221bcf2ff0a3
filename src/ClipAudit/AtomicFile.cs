using System.Globalization;
using System.Text;

namespace ClipAudit;

/// <summary>
/// Writes a file through a hidden temporary sibling and a rename, so readers never see half a file and a crash leaves
/// either the old file or the new one. The one writer every stage uses: temporary names carry the writing process's id,
/// so a folder shared by several runs (the embedding cache) can tell another live run's file in progress from debris.
/// </summary>
internal static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8NoBom.GetBytes(text));

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// Writes <paramref name="path"/> with <paramref name="write"/>. With <paramref name="overwrite"/> false an existing
    /// file is kept and <see cref="IOException"/> is thrown. Returns the number of bytes written.
    /// </summary>
    public static long Write(string path, Action<FileStream> write, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = TemporaryPathFor(full);
        try
        {
            long length;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
                length = stream.Length;
            }

            File.Move(temporary, full, overwrite);
            return length;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// True for a temporary file of this writer whose process no longer runs (debris of a killed run, safe to delete),
    /// and for temporary files of older versions, which carried no process id. A live process's file is never debris.
    /// </summary>
    internal static bool IsAbandonedTemporary(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return false;
        }

        // .{target}.{pid}.{guid}.tmp
        var parts = name[..^TemporarySuffix.Length].Split('.');
        if (name[0] != '.' || parts.Length < 4
            || !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return true;
        }

        return !ProcessIsRunning(processId);
    }

    internal static string TemporaryPathFor(string fullPath) => Path.Combine(
        Path.GetDirectoryName(fullPath)!,
        string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}"));

    /// <summary>Whether a process of this id runs on this machine (this process counts as running): the one liveness check for temp files and shard locks.</summary>
    internal static bool ProcessIsRunning(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
