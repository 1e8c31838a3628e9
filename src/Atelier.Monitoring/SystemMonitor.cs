using System.Globalization;
using System.Runtime.CompilerServices;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Cgroups;
using Atelier.Monitoring.Processes;
using Atelier.Monitoring.Sampling;
using Atelier.Monitoring.Summary;

namespace Atelier.Monitoring;

/// <summary>
/// Samples the system at a fixed interval into a window, checks alert rules, and keeps run statistics. In steady
/// state a sample allocates nothing: /proc files stay open and are parsed in place, rows go into preallocated rings.
/// </summary>
/// <remarks>
/// The first sample comes one interval after the start, from a real delta (never a made-up 0% CPU). Cancellation
/// ends the sequence without throwing; <see cref="Summarize"/> then describes what was seen.
/// </remarks>
public sealed class SystemMonitor : IDisposable
{
    private const int StatisticsKept = 86_400;
    private readonly MonitorOptions options;
    private readonly ISampler sampler;
    private readonly AlertEvaluator evaluator;
    private readonly RunStatistics statistics;
    private readonly ProcessReader? processes;
    private TopProcesses latestProcesses = TopProcesses.None;
    private readonly (AlertRule Rule, int Index)[] explainedRules;
    private readonly IReadOnlyList<Metric> metrics;
    private readonly NamedProcess[] named;
    private readonly NamedCgroup[] namedGroups;
    private readonly CgroupReader? cgroups;
    private IReadOnlyList<CgroupSnapshot> latestCgroups = [];
    private IReadOnlyList<CgroupSnapshot> allCgroups = [];
    private readonly (AlertRule Rule, int Index)[] groupRules;
    private readonly long memoryTotal;
    private readonly List<AlertEvent> history = [];
    private readonly Lock historyGate = new();
    private DateTimeOffset? first;
    private DateTimeOffset last;

    /// <summary>Opens the system's counters and binds the alert rules to the metrics.</summary>
    /// <exception cref="AtelierException">A disk or rule does not fit this machine.</exception>
    public SystemMonitor(MonitorOptions options, AlertOptions alerts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(alerts);
        if (options.Interval <= TimeSpan.Zero || alerts.CheckEvery <= TimeSpan.Zero)
        {
            throw new AtelierException(string.Create(CultureInfo.InvariantCulture, $"The sampling interval ({options.Interval.TotalSeconds:0.###} s) and the check interval ({alerts.CheckEvery.TotalSeconds:0.###} s) must be more than zero."));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, 1);
        this.options = options;
        named = NamedProcess.From(alerts.Rules);
        if (named.Length > 0 && !OperatingSystem.IsLinux())
        {
            throw new AtelierException($"'{alerts.Rules.First(r => r.MetricName.StartsWith(NamedProcess.Prefix, StringComparison.Ordinal)).Text}' watches processes by name, which only Linux's /proc gives.", "AlertOptions.Rules");
        }

        namedGroups = NamedCgroup.From(alerts.Rules);
        if (namedGroups.Length > 0 && !OperatingSystem.IsLinux())
        {
            throw new AtelierException($"'{alerts.Rules.First(r => r.MetricName.StartsWith(NamedCgroup.Prefix, StringComparison.Ordinal)).Text}' watches a control group, which only Linux has.", "AlertOptions.Rules");
        }

        sampler = OperatingSystem.IsLinux() ? new LinuxSampler(options) : new PortableSampler(options);
        metrics = [.. sampler.Metrics, .. named.SelectMany(n => n.Metrics), .. namedGroups.SelectMany(g => g.Metrics)];
        Window = new SampleWindow(metrics, options.Window);
        evaluator = new AlertEvaluator(alerts, metrics, options.TimeProvider.LocalTimeZone);
        Silences = alerts.Silences;
        Rules = alerts.Rules;
        statistics = new RunStatistics(metrics, StatisticsKept);
        memoryTotal = named.Length > 0 || namedGroups.Length > 0 || options.Cgroups > 0 ? NamedProcess.MemoryTotal(options.ProcRoot) : 0;
        if (OperatingSystem.IsLinux() && (options.Cgroups > 0 || namedGroups.Length > 0))
        {
            cgroups = new CgroupReader(options.TimeProvider, memoryTotal, Path.Combine(options.ProcRoot, "self", "mountinfo"));
        }

        Notes = [.. sampler.Notes, .. evaluator.Notes, .. cgroups is null ? [] : new[] { $"Control groups: {cgroups.Layout}." }];

        // Processes are read when samples carry them, or while a CPU or memory rule's condition holds (its alert needs
        // a few samples to fire: by then the processes' CPU is known), not at every sample for the default rules.
        explainedRules = [.. from rule in alerts.Rules
                             from index in Enumerable.Range(0, Metrics.Count)
                             where Metrics[index].Answers(rule.MetricName) && TopProcesses.Explains(Metrics[index].Name)
                             select (rule, index)];
        // A cgroup alert names the group's top processes: processes are read while a cgroup rule's condition holds.
        groupRules = [.. from rule in alerts.Rules
                         from index in Enumerable.Range(0, Metrics.Count)
                         where Metrics[index].Answers(rule.MetricName) && Metrics[index].Name.StartsWith(NamedCgroup.Prefix, StringComparison.Ordinal)
                         select (rule, index)];
        if (OperatingSystem.IsLinux() && (options.TopProcesses > 0 || explainedRules.Length > 0 || named.Length > 0 || groupRules.Length > 0))
        {
            processes = new ProcessReader(
                options.ProcRoot, options.TopProcesses > 0 ? options.TopProcesses : AlertProcesses, options.TimeProvider, names: [.. named.Select(n => n.Name)]);
        }
    }

    /// <summary>How many processes an alert carries when samples carry none.</summary>
    private const int AlertProcesses = 5;

    /// <summary>The metrics each sample has, in order.</summary>
    /// <remarks>
    /// The sampler's, then three per process name a <c>proc:NAME</c> rule watches (<c>proc:NAME.cpu</c>, <c>.mem</c>,
    /// <c>.count</c>), then three per control group a <c>cgroup:NAME</c> rule watches (<c>.cpu</c>, <c>.mem</c>, <c>.throttled</c>).
    /// </remarks>
    public IReadOnlyList<Metric> Metrics => metrics;

    /// <summary>The top processes of the latest sample (<see cref="MonitorOptions.TopProcesses"/>); none until then, or when not asked for.</summary>
    /// <remarks>Safe to read from any thread: a view refreshing on its own clock reads it.</remarks>
    public TopProcesses LatestProcesses
    {
        get => Volatile.Read(ref latestProcesses);
        private set => Volatile.Write(ref latestProcesses, value);
    }

    /// <summary>The top control groups of the latest sample (<see cref="MonitorOptions.Cgroups"/>); none until then, or when not asked for.</summary>
    /// <remarks>Safe to read from any thread.</remarks>
    public IReadOnlyList<CgroupSnapshot> LatestCgroups => Volatile.Read(ref latestCgroups);

    /// <summary>Which cgroup hierarchy this machine's controllers are on ("cgroup v2", "cgroup v1 (cpuacct, cpu, memory, blkio)"), from its mount table.</summary>
    public static string CgroupLayoutHere()
    {
        using var reader = new CgroupReader(TimeProvider.System, 0);
        return reader.Layout;
    }

    /// <summary>Which cgroup hierarchy the groups come from ("cgroup v2", "cgroup v1 (cpuacct, cpu, memory, blkio)"); null when groups are not read.</summary>
    public string? CgroupLayout => cgroups?.Layout;

    /// <summary>What the output should say about how the numbers are measured.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The last samples.</summary>
    public SampleWindow Window { get; }

    /// <summary>The time between samples.</summary>
    public TimeSpan Interval => options.Interval;

    /// <summary>The alert rules it checks.</summary>
    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>The times of day in which rules fire nothing.</summary>
    public IReadOnlyList<AlertSilence> Silences { get; }

    /// <summary>The time now on the monitor's clock, in the zone silences are in.</summary>
    public DateTimeOffset LocalNow => options.TimeProvider.GetLocalNow();

    /// <summary>The alerts firing now.</summary>
    public IReadOnlyList<AlertEvent> ActiveAlerts => evaluator.Active;

    /// <summary>Samples until <paramref name="duration"/> has passed (null: until cancelled).</summary>
    public async IAsyncEnumerable<MonitorTick> RunAsync(TimeSpan? duration = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var time = options.TimeProvider;
        var row = new double[Metrics.Count];
        var started = time.GetTimestamp();
        sampler.Prime(started);
        using var timer = new PeriodicTimer(options.Interval, time);
        long sequence = 0;
        while (duration is not { } limit || time.GetElapsedTime(started) < limit)
        {
            if (!await Tick(timer, cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }

            var now = time.GetUtcNow();
            var timestamp = time.GetTimestamp();
            sampler.Sample(row.AsSpan(0, sampler.Metrics.Count), timestamp);
            var groups = ReadCgroups(row, timestamp);
            var top = ReadProcesses(row, timestamp);
            TotalNamed(row);
            Window.Add(row, now);
            statistics.Add(row);
            evaluator.Observe(row, now);
            var events = evaluator.Due(now) ? ExplainedByGroup(ExplainedByName(Explained(evaluator.Check(now), top)), timestamp) : [];
            if (events.Count > 0)
            {
                lock (historyGate)
                {
                    history.AddRange(events);
                }
            }

            first ??= now;
            last = now;
            var processes = options.TopProcesses > 0 ? top : TopProcesses.None;
            LatestProcesses = processes;
            Volatile.Write(ref latestCgroups, groups);
            yield return new MonitorTick(++sequence, now, events, processes) { Cgroups = groups };
        }
    }

    /// <summary>Each metric's statistics over the run so far, and its alerts.</summary>
    public MonitorSummary Summarize()
    {
        lock (historyGate)
        {
            return new MonitorSummary(Window.Written, first is { } start ? last - start : TimeSpan.Zero, statistics.Summarize(), [.. history]);
        }
    }

    /// <summary>Closes the counters.</summary>
    public void Dispose()
    {
        sampler.Dispose();
        cgroups?.Dispose();
    }

    private TopProcesses ReadProcesses(double[] row, long timestamp)
    {
        if (processes is null)
        {
            return TopProcesses.None;
        }

        if (options.TopProcesses > 0 || named.Length > 0 || explainedRules.Any(r => r.Rule.Holds(row[r.Index])) || groupRules.Any(r => r.Rule.Holds(row[r.Index])))
        {
            return processes.Sample(timestamp);
        }

        processes.Forget();
        return TopProcesses.None;
    }

    /// <summary>
    /// Reads the control groups: the watched ones' figures into the row (after the named processes'; NaN while a group is
    /// not there), and the top ones by CPU and by memory for the sample.
    /// </summary>
    private IReadOnlyList<CgroupSnapshot> ReadCgroups(double[] row, long timestamp)
    {
        if (cgroups is null)
        {
            return [];
        }

        var all = cgroups.Sample(timestamp);
        allCgroups = all;
        var at = sampler.Metrics.Count + (named.Length * 3);
        foreach (var watched in namedGroups)
        {
            var group = all.FirstOrDefault(watched.Is);
            row[at++] = group?.CpuPercent ?? double.NaN;
            row[at++] = group?.MemoryPercent ?? double.NaN;
            row[at++] = group?.ThrottledPercent ?? double.NaN;
        }

        if (options.Cgroups <= 0)
        {
            return [];
        }

        var byCpu = all.Where(g => !double.IsNaN(g.CpuPercent)).OrderByDescending(g => g.CpuPercent).Take(options.Cgroups);
        var byMemory = all.OrderByDescending(g => g.MemoryBytes).Take(options.Cgroups);
        return [.. byCpu.Union(byMemory).OrderByDescending(g => double.IsNaN(g.CpuPercent) ? -1 : g.CpuPercent).ThenByDescending(g => g.MemoryBytes)];
    }

    /// <summary>The named processes' totals into the row, after the sampler's metrics: CPU, memory, then how many, per name.</summary>
    private void TotalNamed(double[] row)
    {
        if (named.Length == 0)
        {
            return;
        }

        var at = sampler.Metrics.Count;
        for (var i = 0; i < named.Length; i++)
        {
            row[at++] = processes?.NamedCpu[i] ?? double.NaN;
            row[at++] = processes is null || memoryTotal <= 0 ? double.NaN : processes.NamedRss[i] * 100.0 / memoryTotal;
            row[at++] = processes?.NamedCount[i] ?? double.NaN;
        }
    }

    /// <summary>A firing proc:NAME alert carries the processes of that name, by the memory it watches, or else by CPU.</summary>
    private IReadOnlyList<AlertEvent> ExplainedByName(IReadOnlyList<AlertEvent> events)
    {
        if (events.Count == 0 || named.Length == 0 || processes is null)
        {
            return events;
        }

        return [.. events.Select(e =>
        {
            var index = Array.FindIndex(named, n => e.Metric == n.Cpu || e.Metric == n.Memory || e.Metric == n.Count);
            return e.Firing && index >= 0 ? e with { Processes = processes.Named(index, byCpu: e.Metric != named[index].Memory) } : e;
        })];
    }

    /// <summary>A firing cgroup:NAME alert carries the group's top processes, most CPU first.</summary>
    private IReadOnlyList<AlertEvent> ExplainedByGroup(IReadOnlyList<AlertEvent> events, long timestamp)
    {
        if (events.Count == 0 || namedGroups.Length == 0 || processes is null || cgroups is null)
        {
            return events;
        }

        return [.. events.Select(e =>
        {
            var watched = Array.Find(namedGroups, g => e.Metric == g.Cpu || e.Metric == g.Memory || e.Metric == g.Throttled);
            return e.Firing && watched is not null && allCgroups.FirstOrDefault(watched.Is) is { } group
                ? e with { Processes = processes.Of(cgroups.Pids(group.Path), timestamp) }
                : e;
        })];
    }

    /// <summary>Firing CPU and memory alerts carry the top processes of their metric.</summary>
    private static IReadOnlyList<AlertEvent> Explained(IReadOnlyList<AlertEvent> events, TopProcesses top) =>
        events.Count == 0 || ReferenceEquals(top, TopProcesses.None) ? events
        : [.. events.Select(e => e.Firing && top.For(e.Metric) is { } explaining ? e with { Processes = explaining } : e)];

    private static async ValueTask<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
