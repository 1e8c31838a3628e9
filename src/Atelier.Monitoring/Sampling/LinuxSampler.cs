using Atelier.Proc;

namespace Atelier.Monitoring.Sampling;

/// <summary>
/// Linux's numbers from /proc (kept open, read with one call each) and statvfs: CPU as psutil computes it, memory
/// from MemAvailable, disks as df computes them, load, and network and disk rates; against cgroup v2 limits when set.
/// </summary>
internal sealed class LinuxSampler : ISampler
{
    private const int Fixed = StandardMetrics.Fixed;
    private readonly ProcFile stat;
    private readonly ProcFile memInfo;
    private readonly ProcFile loadAverage;
    private readonly ProcFile netDev;
    private readonly ProcFile diskStats;
    private readonly DriveInfo[] disks;
    private readonly CgroupLimits? cgroup;
    private readonly Sensors sensors;
    private readonly TimeProvider time;
    private readonly CpuTimes[] cores;
    private readonly CpuTimes[] lastCores;
    private CpuTimes lastTotal;
    private (ulong Received, ulong Sent) lastNet;
    private (ulong Read, ulong Written) lastDisk;
    private long lastTimestamp;
    private readonly int sensorsAt = -1;

    public LinuxSampler(MonitorOptions options)
    {
        time = options.TimeProvider;
        stat = new ProcFile(Path.Combine(options.ProcRoot, "stat"));
        memInfo = new ProcFile(Path.Combine(options.ProcRoot, "meminfo"));
        loadAverage = new ProcFile(Path.Combine(options.ProcRoot, "loadavg"));
        netDev = new ProcFile(Path.Combine(options.ProcRoot, "net", "dev"));
        diskStats = new ProcFile(Path.Combine(options.ProcRoot, "diskstats"));
        disks = [.. options.Disks.Select(DiskUsage.Open)];
        cgroup = CgroupLimits.Detect(options.CgroupRoot);
        sensors = Sensors.Discover(options.SysRoot);
        var coreCount = ProcParsers.Stat(stat.Read(), out _, new CpuTimes[1024]);
        cores = new CpuTimes[coreCount];
        lastCores = new CpuTimes[coreCount];

        var metrics = StandardMetrics.Create(
            cgroup?.CpuLimit is { } cpus ? $"CPU (of {cpus:0.##} cores allowed)" : "CPU",
            cgroup?.MemoryLimit is { } bytes ? $"Memory (of {bytes / 1048576.0:0} MiB allowed)" : "Memory",
            options.Disks,
            sensors.Labels.Count switch
            {
                0 => "Temperature",
                1 => $"Temperature ({sensors.Labels[0]})",
                var count => $"Temperature (hottest of {count} sensors)",
            });
        if (options.PerCore)
        {
            metrics.AddRange(Enumerable.Range(0, coreCount).Select(i => new Metric($"cpu{i}", $"CPU {i}", MetricKind.Percent)));
        }

        // Each sensor on its own (--sensors), after the cores: temp:coretemp Core 0, as `sensors` labels it.
        if (options.EachSensor)
        {
            metrics.AddRange(sensors.Labels.Select(label => new Metric($"temp:{label}", label, MetricKind.Celsius)));
            sensorsAt = metrics.Count - sensors.Count;
        }

        Metrics = metrics;
        Notes = [.. Cgroup()];
        PerCore = options.PerCore;
    }

    public IReadOnlyList<Metric> Metrics { get; }

    public IReadOnlyList<string> Notes { get; }

    private bool PerCore { get; }

    public void Prime(long timestamp)
    {
        ProcParsers.Stat(stat.Read(), out lastTotal, lastCores);
        lastNet = ProcParsers.NetDev(netDev.Read());
        lastDisk = ProcParsers.DiskStats(diskStats.Read());
        cgroup?.CpuPercent(timestamp, time);
        lastTimestamp = timestamp;
    }

    public void Sample(Span<double> row, long timestamp)
    {
        ProcParsers.Stat(stat.Read(), out var total, cores);
        row[0] = cgroup?.CpuLimit is not null ? cgroup.CpuPercent(timestamp, time) : CpuTimes.Percent(lastTotal, total);
        var memory = ProcParsers.MemInfo(memInfo.Read());
        row[1] = cgroup?.MemoryLimit is not null ? cgroup.MemoryPercent() : Share(memory.Total - memory.Available, memory.Total);
        row[2] = Share(memory.SwapTotal - memory.SwapFree, memory.SwapTotal);
        (row[3], row[4], row[5]) = ProcParsers.LoadAverage(loadAverage.Read());
        var seconds = time.GetElapsedTime(lastTimestamp, timestamp).TotalSeconds;
        var net = ProcParsers.NetDev(netDev.Read());
        row[6] = Rate(lastNet.Received, net.Received, seconds);
        row[7] = Rate(lastNet.Sent, net.Sent, seconds);
        var disk = ProcParsers.DiskStats(diskStats.Read());
        row[8] = Rate(lastDisk.Read, disk.Read, seconds);
        row[9] = Rate(lastDisk.Written, disk.Written, seconds);
        row[StandardMetrics.Temperature] = sensorsAt < 0 ? sensors.Hottest() : sensors.Read(row.Slice(sensorsAt, sensors.Count));
        for (var i = 0; i < disks.Length; i++)
        {
            row[Fixed + i] = DiskUsage.Percent(disks[i]);
        }

        if (PerCore)
        {
            for (var i = 0; i < cores.Length; i++)
            {
                row[Fixed + disks.Length + i] = CpuTimes.Percent(lastCores[i], cores[i]);
            }
        }

        (lastTotal, lastNet, lastDisk, lastTimestamp) = (total, net, disk, timestamp);
        cores.CopyTo(lastCores, 0);
    }

    public void Dispose()
    {
        stat.Dispose();
        memInfo.Dispose();
        loadAverage.Dispose();
        netDev.Dispose();
        diskStats.Dispose();
        cgroup?.Dispose();
        sensors.Dispose();
    }

    private static double Share(ulong part, ulong whole) => whole == 0 ? 0 : 100.0 * part / whole;

    private static double Rate(ulong before, ulong after, double seconds) => seconds > 0 && after >= before ? (after - before) / seconds : 0;

    private IEnumerable<string> Cgroup()
    {
        if (cgroup?.CpuLimit is { } cpus)
        {
            yield return $"CPU is measured against this container's cgroup limit of {cpus:0.##} cores.";
        }

        if (cgroup?.MemoryLimit is { } bytes)
        {
            yield return $"Memory is measured against this container's cgroup limit of {bytes / 1048576.0:0} MiB.";
        }
    }
}
