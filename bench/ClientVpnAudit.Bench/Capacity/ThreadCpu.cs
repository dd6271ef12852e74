using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ClientVpnAudit.Bench.Capacity;

/// <summary>The CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID); elsewhere, elapsed time stands in.</summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTime, out var time) == 0)
        {
            return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
        }

        return Stopwatch.GetElapsedTime(0);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out Timespec time);
}
