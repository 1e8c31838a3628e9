namespace Atelier.Monitoring;

/// <summary>How a <see cref="SystemMonitor"/> samples.</summary>
public sealed record MonitorOptions
{
    /// <summary>Time between samples.</summary>
    /// <value>1 second.</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many recent samples the window keeps.</summary>
    /// <value>60.</value>
    public int Window { get; init; } = 60;

    /// <summary>The mounts whose usage is measured.</summary>
    /// <value>/.</value>
    public IReadOnlyList<string> Disks { get; init; } = ["/"];

    /// <summary>Whether each core gets its own CPU metric.</summary>
    /// <value>False.</value>
    public bool PerCore { get; init; }

    /// <summary>
    /// Whether each temperature sensor gets its own metric (<c>temp:coretemp Core 0</c>, as <c>sensors</c> labels it)
    /// besides <c>temp</c>, the hottest.
    /// </summary>
    /// <value>False.</value>
    public bool EachSensor { get; init; }

    /// <summary>
    /// How many of the top processes by CPU and by memory each sample carries (<see cref="MonitorTick.Processes"/>);
    /// 0 for none. Alerts on CPU or memory carry the top processes whatever this is (5 when it is 0).
    /// </summary>
    /// <value>0.</value>
    public int TopProcesses { get; init; }

    /// <summary>
    /// How many control groups each sample carries (<see cref="MonitorTick.Cgroups"/>): the top N by CPU and the top N by
    /// memory; 0 for none. Rules on a group (<c>cgroup:NAME.cpu&gt;80</c>) read the groups whatever this is.
    /// </summary>
    /// <value>0.</value>
    public int Cgroups { get; init; }

    /// <summary>Where /proc is (tests point it at captured files).</summary>
    /// <value>/proc.</value>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>Where /sys is, for temperature sensors (tests point it at captured files).</summary>
    /// <value>/sys.</value>
    public string SysRoot { get; init; } = "/sys";

    /// <summary>Where the cgroup v2 hierarchy is (tests point it at captured files).</summary>
    /// <value>/sys/fs/cgroup.</value>
    public string CgroupRoot { get; init; } = "/sys/fs/cgroup";

    /// <summary>The clock samples are timed with.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
