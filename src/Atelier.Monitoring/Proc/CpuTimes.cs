namespace Atelier.Monitoring.Proc;

/// <summary>One line of /proc/stat, in clock ticks since boot.</summary>
/// <remarks>
/// The kernel already counts guest time inside user (and guest_nice inside nice), so, as psutil does, the total
/// leaves guest and guest_nice out: busy = total - idle - iowait.
/// </remarks>
internal readonly record struct CpuTimes(ulong User, ulong Nice, ulong System, ulong Idle, ulong IoWait, ulong Irq, ulong SoftIrq, ulong Steal, ulong Guest, ulong GuestNice)
{
    public ulong Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;

    public ulong Busy => Total - Idle - IoWait;

    /// <summary>Busy share of the time between two readings, 0 to 100; 0 when no time passed.</summary>
    public static double Percent(CpuTimes before, CpuTimes after)
    {
        if (after.Total <= before.Total)
        {
            return 0;
        }

        var busy = after.Busy >= before.Busy ? after.Busy - before.Busy : 0;
        return Math.Clamp(100.0 * busy / (after.Total - before.Total), 0, 100);
    }
}
