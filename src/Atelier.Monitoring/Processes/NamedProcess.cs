using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Processes;

/// <summary>
/// A process name a rule watches (<c>proc:java.cpu&gt;150</c>): its metrics are the CPU of every process of that name
/// summed, in percent of one core (<c>proc:java.cpu</c>, as top's %CPU adds up), their resident memory in percent of
/// the machine's (<c>proc:java.mem</c>, as top's %MEM), and how many run (<c>proc:java.count</c>: <c>count&lt;1</c> is
/// "java is gone", as <c>pgrep -c</c> counts).
/// </summary>
/// <param name="Name">The name as <c>ps -o comm</c> and <c>pgrep</c> match it: the executable's, at most 15 bytes kept.</param>
internal sealed record NamedProcess(string Name)
{
    public const string Prefix = "proc:";

    /// <summary>The metric of their CPU: proc:NAME.cpu.</summary>
    public string Cpu => $"{Prefix}{Name}.cpu";

    /// <summary>The metric of their memory: proc:NAME.mem.</summary>
    public string Memory => $"{Prefix}{Name}.mem";

    /// <summary>The metric of how many run: proc:NAME.count.</summary>
    public string Count => $"{Prefix}{Name}.count";

    public IEnumerable<Metric> Metrics =>
        [new(Cpu, $"{Name} CPU", MetricKind.Percent), new(Memory, $"{Name} memory", MetricKind.Percent), new(Count, $"{Name} processes", MetricKind.Count)];

    /// <summary>The names the rules watch, each once, in the order the rules first name them.</summary>
    /// <exception cref="AtelierException">A <c>proc:</c> rule is not <c>proc:NAME.cpu</c>, <c>proc:NAME.mem</c> nor <c>proc:NAME.count</c>.</exception>
    public static NamedProcess[] From(IEnumerable<AlertRule> rules)
    {
        var names = new List<NamedProcess>();
        foreach (var rule in rules.Where(r => r.MetricName.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var watched = rule.MetricName[Prefix.Length..];
            var dot = watched.LastIndexOf('.');
            if (dot <= 0 || watched[(dot + 1)..] is not ("cpu" or "mem" or "count") || watched[..dot].Contains('/'))
            {
                throw new AtelierException(
                    $"'{rule.Text}' watches '{rule.MetricName}': a process rule is proc:NAME.cpu (percent of one core, summed over the processes named NAME), proc:NAME.mem (percent of memory) or proc:NAME.count (how many run), for example proc:java.cpu>150 or proc:nginx.count<1 (nginx is gone).",
                    "AlertOptions.Rules");
            }

            var process = new NamedProcess(watched[..dot]);
            if (!names.Contains(process))
            {
                names.Add(process);
            }
        }

        return [.. names];
    }

    /// <summary>The machine's memory (MemTotal in /proc/meminfo), in bytes; 0 when unreadable.</summary>
    public static long MemoryTotal(string procRoot)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(procRoot, "meminfo")))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(9).Trim().TrimEnd("kB").Trim(), out var kibibytes))
                {
                    return kibibytes * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
