namespace Atelier.Monitoring.Sampling;

/// <summary>A mount's usage as df computes it: used / (used + available to non-root users), from statvfs.</summary>
internal static class DiskUsage
{
    private static readonly HashSet<string> PseudoFileSystems = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs", "debugfs", "tracefs", "pstore",
        "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "efivarfs",
    };

    /// <exception cref="AtelierException">The path does not exist, or is a pseudo filesystem.</exception>
    public static DriveInfo Open(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new AtelierException($"'{path}' is not a folder on this machine.", "MonitorOptions.Disks");
        }

        var drive = new DriveInfo(path);
        if (PseudoFileSystems.Contains(drive.DriveFormat))
        {
            throw new AtelierException($"'{path}' is a {drive.DriveFormat} pseudo filesystem, not a disk.", "MonitorOptions.Disks");
        }

        return drive;
    }

    public static double Percent(DriveInfo drive) => Percent(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);

    /// <summary>df's formula: used = total - free; percent = used / (used + available), where available excludes root's reserve.</summary>
    public static double Percent(long total, long free, long available)
    {
        var used = total - free;
        return used + available <= 0 ? 0 : 100.0 * used / (used + available);
    }
}
