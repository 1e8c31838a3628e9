namespace Atelier.Monitoring.Processes;

/// <summary>One process at a sample, as top shows it.</summary>
/// <param name="Pid">Its process id.</param>
/// <param name="User">Its owner's name (the number when the name is unknown).</param>
/// <param name="Command">Its command line, trimmed; its name in brackets when it has none (kernel threads).</param>
/// <param name="CpuPercent">CPU over the last interval, in percent of one core (200 is two cores busy).</param>
/// <param name="RssBytes">Resident memory.</param>
/// <param name="State">Its state letter: R running, S sleeping, D waiting on I/O, Z zombie, ...</param>
public sealed record ProcessSnapshot(int Pid, string User, string Command, double CpuPercent, long RssBytes, char State)
{
    /// <summary>Bytes storage read for it over the last interval, a second (read_bytes in /proc/PID/io); 0 when unknown.</summary>
    public double ReadBytesPerSecond { get; init; }

    /// <summary>Bytes it caused to be written to storage over the last interval, a second (write_bytes); 0 when unknown.</summary>
    public double WriteBytesPerSecond { get; init; }
}
