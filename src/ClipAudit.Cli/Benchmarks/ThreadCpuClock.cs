using System.Runtime.InteropServices;

namespace ClipAudit.Cli.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID, nanosecond resolution): unlike wall time it leaves
/// out the time other processes held the core, and unlike process CPU time it leaves out runtime background threads.
/// Elsewhere it falls back to the process's CPU time.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static TimeSpan Now()
    {
        if (!_unavailable)
        {
            try
            {
                if (ClockGetTime(ThreadCpuTimeId, out var time) == 0)
                {
                    return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _unavailable = true;
            }
        }

        return Environment.CpuUsage.TotalTime;
    }

    // DllImport rather than LibraryImport, as in NativeHeap: no unsafe code in the library for one call.
    [DllImport("libc.so.6", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
