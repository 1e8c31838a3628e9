using System.Buffers.Text;
using Atelier.Proc;

namespace Atelier.Monitoring.Sampling;

/// <summary>
/// The limits of a cgroup v2 container: memory.max against memory.current, and cpu.max's quota against cpu.stat's
/// usage. Present only when the hierarchy is v2 and a limit is actually set.
/// </summary>
internal sealed class CgroupLimits : IDisposable
{
    private readonly ProcFile? memoryCurrent;
    private readonly ProcFile? cpuStat;
    private ulong lastUsageMicroseconds;
    private long lastTimestamp;

    private CgroupLimits(ulong? memoryMax, double? cpus, ProcFile? memoryCurrent, ProcFile? cpuStat)
    {
        MemoryLimit = memoryMax;
        CpuLimit = cpus;
        this.memoryCurrent = memoryCurrent;
        this.cpuStat = cpuStat;
    }

    /// <summary>The memory limit in bytes, when one is set.</summary>
    public ulong? MemoryLimit { get; }

    /// <summary>The CPU limit in cores (quota / period), when one is set.</summary>
    public double? CpuLimit { get; }

    public static CgroupLimits? Detect(string root)
    {
        if (!File.Exists(Path.Combine(root, "cgroup.controllers")))
        {
            return null;
        }

        var memoryMax = ReadLimit(Path.Combine(root, "memory.max"));
        double? cpus = null;
        if (Read(Path.Combine(root, "cpu.max")) is { } cpuMax)
        {
            var parts = cpuMax.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var quota)
                && double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var period) && period > 0)
            {
                cpus = quota / period;
            }
        }

        if (memoryMax is null && cpus is null)
        {
            return null;
        }

        return new CgroupLimits(
            memoryMax,
            cpus,
            memoryMax is null ? null : new ProcFile(Path.Combine(root, "memory.current")),
            cpus is null ? null : new ProcFile(Path.Combine(root, "cpu.stat")));
    }

    /// <summary>Memory in use against the limit, 0 to 100.</summary>
    public double MemoryPercent()
    {
        var text = memoryCurrent!.Read();
        return Utf8Parser.TryParse(text.Trim("\n "u8), out ulong current, out _) ? Math.Min(100, 100.0 * current / MemoryLimit!.Value) : double.NaN;
    }

    /// <summary>CPU used since the last call against the limit, 0 to 100; NaN the first time (no delta yet).</summary>
    public double CpuPercent(long timestamp, TimeProvider time)
    {
        var usage = UsageMicroseconds(cpuStat!.Read());
        var elapsed = lastTimestamp == 0 ? TimeSpan.Zero : time.GetElapsedTime(lastTimestamp, timestamp);
        var percent = elapsed > TimeSpan.Zero && usage >= lastUsageMicroseconds
            ? Math.Clamp(100.0 * (usage - lastUsageMicroseconds) / (elapsed.TotalMicroseconds * CpuLimit!.Value), 0, 100)
            : double.NaN;
        (lastUsageMicroseconds, lastTimestamp) = (usage, timestamp);
        return percent;
    }

    public void Dispose()
    {
        memoryCurrent?.Dispose();
        cpuStat?.Dispose();
    }

    private static ulong UsageMicroseconds(ReadOnlySpan<byte> text)
    {
        var lines = new ProcText(text);
        while (lines.NextLine(out var line))
        {
            if (ProcText.Field(ref line).SequenceEqual("usage_usec"u8))
            {
                return ProcText.Number(ref line);
            }
        }

        return 0;
    }

    private static ulong? ReadLimit(string path) =>
        Read(path) is { } text && text != "max" && ulong.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
