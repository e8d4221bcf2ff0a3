using System.Diagnostics;
using System.Globalization;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// The process's peak resident set size. On Linux this is VmHWM from /proc/self/status, which the kernel lets us reset
/// (writing "5" to /proc/self/clear_refs) so one benchmark stage's peak can be read on its own; elsewhere it falls
/// back to <see cref="Process.PeakWorkingSet64"/>, which cannot be reset.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Peak resident bytes since the process started or since the last successful <see cref="TryReset"/>.</summary>
    public static long PeakBytes()
    {
        if (ReadStatusKilobytes("VmHWM:") is { } kilobytes)
        {
            return kilobytes * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>Current resident bytes (VmRSS), or the working set where /proc is not available.</summary>
    public static long CurrentBytes()
    {
        if (ReadStatusKilobytes("VmRSS:") is { } kilobytes)
        {
            return kilobytes * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Resets the peak to the current resident size; false where the OS does not allow it.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long? ReadStatusKilobytes(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var number = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(number, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
