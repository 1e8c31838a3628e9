namespace Atelier.Monitoring.Processes;

/// <summary>The processes using the most CPU, the most memory and the most disk I/O at a sample, most first.</summary>
/// <param name="ByCpu">The top processes by CPU over the last interval.</param>
/// <param name="ByMemory">The top processes by resident memory.</param>
public sealed record TopProcesses(IReadOnlyList<ProcessSnapshot> ByCpu, IReadOnlyList<ProcessSnapshot> ByMemory)
{
    /// <summary>No processes (none read yet, or process reading is off).</summary>
    public static TopProcesses None { get; } = new([], []);

    /// <summary>The top processes by disk I/O over the last interval: bytes read from and written to storage a second.</summary>
    public IReadOnlyList<ProcessSnapshot> ByIo { get; init; } = [];

    /// <summary>How many processes' I/O could not be read (their /proc/PID/io is another user's): they are not in <see cref="ByIo"/>.</summary>
    public int IoUnreadable { get; init; }

    /// <summary>
    /// The processes that explain a metric: by CPU for CPU metrics, by memory for memory and swap, by I/O for the disks'
    /// throughput and space ("which process is writing?"); null for others.
    /// </summary>
    public IReadOnlyList<ProcessSnapshot>? For(string metric) => Explains(metric) switch
    {
        true when metric.StartsWith("cpu", StringComparison.Ordinal) => ByCpu,
        true when metric is "mem" or "swap" => ByMemory,
        true => ByIo,
        false => null,
    };

    /// <summary>Whether processes explain the metric: CPU (overall or a core), memory, swap, disk throughput and space.</summary>
    public static bool Explains(string metric) =>
        metric.StartsWith("cpu", StringComparison.Ordinal) || metric is "mem" or "swap" or "disk_read" or "disk_write" || metric.StartsWith("disk:", StringComparison.Ordinal);

    /// <summary>The same processes with each command line cut to its program's name (arguments may carry secrets).</summary>
    internal TopProcesses WithoutCommands() =>
        ReferenceEquals(this, None) ? this : new([.. ByCpu.Select(WithoutCommand)], [.. ByMemory.Select(WithoutCommand)]) { ByIo = [.. ByIo.Select(WithoutCommand)], IoUnreadable = IoUnreadable };

    /// <summary>The process with its command line cut to its program's name: <c>/usr/bin/mysql -pS3cret</c> is <c>mysql</c>.</summary>
    internal static ProcessSnapshot WithoutCommand(ProcessSnapshot process) => process.Command.StartsWith('[')
        ? process
        : process with { Command = Path.GetFileName(process.Command.Split(' ', 2)[0]) };
}
