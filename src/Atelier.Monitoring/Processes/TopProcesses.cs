namespace Atelier.Monitoring.Processes;

/// <summary>The processes using the most CPU and the most memory at a sample, most first.</summary>
/// <param name="ByCpu">The top processes by CPU over the last interval.</param>
/// <param name="ByMemory">The top processes by resident memory.</param>
public sealed record TopProcesses(IReadOnlyList<ProcessSnapshot> ByCpu, IReadOnlyList<ProcessSnapshot> ByMemory)
{
    /// <summary>No processes (none read yet, or process reading is off).</summary>
    public static TopProcesses None { get; } = new([], []);

    /// <summary>The processes that explain a metric: by CPU for CPU metrics, by memory for memory and swap; null for others.</summary>
    public IReadOnlyList<ProcessSnapshot>? For(string metric) => Explains(metric) switch
    {
        true when metric.StartsWith("cpu", StringComparison.Ordinal) => ByCpu,
        true => ByMemory,
        false => null,
    };

    /// <summary>Whether processes explain the metric: CPU (overall or a core), memory, swap.</summary>
    public static bool Explains(string metric) => metric.StartsWith("cpu", StringComparison.Ordinal) || metric is "mem" or "swap";

    /// <summary>The same processes with each command line cut to its program's name (arguments may carry secrets).</summary>
    internal TopProcesses WithoutCommands() =>
        ReferenceEquals(this, None) ? this : new([.. ByCpu.Select(WithoutCommand)], [.. ByMemory.Select(WithoutCommand)]);

    /// <summary>The process with its command line cut to its program's name: <c>/usr/bin/mysql -pS3cret</c> is <c>mysql</c>.</summary>
    internal static ProcessSnapshot WithoutCommand(ProcessSnapshot process) => process.Command.StartsWith('[')
        ? process
        : process with { Command = Path.GetFileName(process.Command.Split(' ', 2)[0]) };
}
