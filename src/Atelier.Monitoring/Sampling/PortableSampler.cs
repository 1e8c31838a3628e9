using System.Net.NetworkInformation;

namespace Atelier.Monitoring.Sampling;

/// <summary>
/// Where there is no /proc: what .NET itself can measure on any platform, disk usage per mount and network rates.
/// CPU, memory, swap, load and disk I/O are NaN (shown as n/a), and <see cref="Notes"/> says so.
/// </summary>
internal sealed class PortableSampler : ISampler
{
    private readonly DriveInfo[] disks;
    private readonly TimeProvider time;
    private (long Received, long Sent) lastNet;
    private long lastTimestamp;

    public PortableSampler(MonitorOptions options)
    {
        time = options.TimeProvider;
        disks = [.. options.Disks.Select(DiskUsage.Open)];
        Metrics = StandardMetrics.Create("CPU", "Memory", options.Disks);
        Notes =
        [
            "CPU, memory, swap, load and disk I/O are unavailable on this platform (no /proc): they show as n/a and alert rules on them never fire.",
            .. options.PerCore ? ["Per-core CPU is unavailable on this platform."] : Array.Empty<string>(),
        ];
    }

    public IReadOnlyList<Metric> Metrics { get; }

    public IReadOnlyList<string> Notes { get; }

    public void Prime(long timestamp)
    {
        lastNet = Network();
        lastTimestamp = timestamp;
    }

    public void Sample(Span<double> row, long timestamp)
    {
        row[..StandardMetrics.Fixed].Fill(double.NaN);
        var seconds = time.GetElapsedTime(lastTimestamp, timestamp).TotalSeconds;
        var net = Network();
        row[6] = Rate(lastNet.Received, net.Received, seconds);
        row[7] = Rate(lastNet.Sent, net.Sent, seconds);
        for (var i = 0; i < disks.Length; i++)
        {
            row[StandardMetrics.Fixed + i] = DiskUsage.Percent(disks[i]);
        }

        (lastNet, lastTimestamp) = (net, timestamp);
    }

    public void Dispose()
    {
    }

    private static double Rate(long before, long after, double seconds) => seconds > 0 && after >= before ? (after - before) / seconds : 0;

    /// <summary>Bytes received and sent by every interface that is up, loopback excluded.</summary>
    private static (long Received, long Sent) Network()
    {
        long received = 0, sent = 0;
        foreach (var adapter in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (adapter.OperationalStatus == OperationalStatus.Up && adapter.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            {
                var statistics = adapter.GetIPStatistics();
                received += statistics.BytesReceived;
                sent += statistics.BytesSent;
            }
        }

        return (received, sent);
    }
}
