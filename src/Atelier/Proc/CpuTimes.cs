namespace Atelier.Proc;

/// <summary>One line of /proc/stat, in clock ticks since boot.</summary>
/// <remarks>
/// The kernel already counts guest time inside user (and guest_nice inside nice), so, as psutil does, the total
/// leaves guest and guest_nice out: busy = total - idle - iowait.
/// </remarks>
/// <param name="User">Time in user mode.</param>
/// <param name="Nice">Time in user mode at low priority.</param>
/// <param name="System">Time in the kernel.</param>
/// <param name="Idle">Time idle.</param>
/// <param name="IoWait">Time idle waiting for I/O.</param>
/// <param name="Irq">Time serving interrupts.</param>
/// <param name="SoftIrq">Time serving soft interrupts.</param>
/// <param name="Steal">Time the hypervisor gave another machine.</param>
/// <param name="Guest">Time running a guest (inside <paramref name="User"/>).</param>
/// <param name="GuestNice">Time running a low-priority guest (inside <paramref name="Nice"/>).</param>
public readonly record struct CpuTimes(ulong User, ulong Nice, ulong System, ulong Idle, ulong IoWait, ulong Irq, ulong SoftIrq, ulong Steal, ulong Guest, ulong GuestNice)
{
    /// <summary>Every tick counted once (guest time is inside user already).</summary>
    public ulong Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;

    /// <summary>Ticks spent working: all but idle and waiting for I/O.</summary>
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
