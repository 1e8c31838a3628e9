using System.Globalization;
using Atelier.Cli.Commands.Monitor;
using Atelier.Monitoring;
using Atelier.Monitoring.Cgroups;
using Atelier.Monitoring.Processes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Atelier.Cli.Rendering;

/// <summary>
/// The monitor on a terminal: each metric's current value and a sparkline of the window, the alerts firing, the top
/// processes by CPU, by memory and by disk I/O, and the top control groups, as far as the terminal is tall enough.
/// </summary>
internal static class MonitorLiveView
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <param name="monitor">What to show.</param>
    /// <param name="height">The terminal's height in lines: the process tables get what is left below the metrics.</param>
    /// <param name="width">The terminal's width: a process's command is cut to what is left of it, one line a process.</param>
    public static IRenderable Render(SystemMonitor monitor, int height, int width)
    {
        var metrics = monitor.Metrics;
        var latest = new double[metrics.Count];
        monitor.Window.TryLatest(latest, out var time);
        var series = new double[monitor.Window.Capacity];
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(time == default ? "sampling..." : $"{time.ToLocalTime():HH:mm:ss}") }
            .AddColumn("metric").AddColumn(new TableColumn("now").RightAligned()).AddColumn($"last {monitor.Window.Capacity}");
        for (var i = 0; i < metrics.Count; i++)
        {
            var count = monitor.Window.Series(i, series);
            table.AddRow(new Text(metrics[i].Label), new Text(MetricFormat.Value(metrics[i], latest[i])), new Text(Sparkline(metrics[i], series.AsSpan(0, count))));
        }

        var alerts = monitor.ActiveAlerts;
        IRenderable footer = alerts.Count == 0
            ? new Text("no alert firing")
            : new Text(string.Join(Environment.NewLine, alerts.Select(a => $"ALERT {a.Level.ToString().ToLowerInvariant()}: {a.Rule} ({a.Metric} = {MetricFormat.Value(metrics.First(m => m.Name == a.Metric), a.Value)})")), new Style(Color.Red));
        var processes = monitor.LatestProcesses;
        var groups = monitor.LatestCgroups;
        if (processes.ByCpu.Count + processes.ByMemory.Count + processes.ByIo.Count + groups.Count == 0)
        {
            return new Rows(table, footer);
        }

        // Below the metrics table (a line per metric, four of borders and header, one of title) and the footer, each
        // process table takes five lines besides its rows; what does not fit is cut, and a line says so.
        var left = height - (metrics.Count + 5 + Math.Max(1, alerts.Count)) - 1;
        var byCpu = Fit(processes.ByCpu, ref left);
        var byMemory = Fit(processes.ByMemory, ref left);
        var byIo = Fit(processes.ByIo, ref left);
        var parts = new List<IRenderable> { table, footer };
        if (byCpu.Count > 0)
        {
            parts.Add(Processes("top by CPU", byCpu, width));
        }

        if (byMemory.Count > 0)
        {
            parts.Add(Processes("top by memory", byMemory, width));
        }

        if (byIo.Count > 0)
        {
            // Processes whose I/O this user may not read are said, not silently left out.
            parts.Add(Processes(processes.IoUnreadable > 0 ? $"top by disk I/O ({processes.IoUnreadable} unreadable)" : "top by disk I/O", byIo, width, io: true));
        }

        // The control groups below the processes, in what is left.
        var shownGroups = Fit(groups, ref left);
        if (shownGroups.Count > 0)
        {
            parts.Add(Cgroups($"control groups ({monitor.CgroupLayout})", shownGroups, width));
        }

        var shown = byCpu.Count + byMemory.Count + byIo.Count;
        var wanted = processes.ByCpu.Count + processes.ByMemory.Count + processes.ByIo.Count;
        if (shown < wanted)
        {
            var needed = height - left + (byCpu.Count == 0 ? 5 : 0) + (byMemory.Count == 0 ? 5 : 0) + (byIo.Count == 0 && processes.ByIo.Count > 0 ? 5 : 0) + wanted - shown;
            var note = shown == 0
                ? string.Create(CultureInfo.InvariantCulture, $"top processes hidden: they need {needed} lines, there are {height}")
                : string.Create(CultureInfo.InvariantCulture, $"top processes: {shown} of {wanted} rows fit in {height} lines");
            parts.Add(new Text(note, new Style(Color.Grey)));
        }

        return new Rows(parts);
    }

    /// <summary>As many of the rows as fit in <paramref name="left"/> lines with their table's five; none if not one.</summary>
    private static IReadOnlyList<T> Fit<T>(IReadOnlyList<T> rows, ref int left)
    {
        var fits = Math.Min(rows.Count, left - 5);
        if (fits <= 0)
        {
            return [];
        }

        left -= 5 + fits;
        return rows.Take(fits).ToList();
    }

    /// <summary>What the command column gets of the width: the other columns and the borders take about this much.</summary>
    private const int BesidesCommand = 48;

    /// <summary>What the group column gets of the width: the figures and the borders take about this much.</summary>
    private const int BesidesGroup = 60;

    /// <summary>A table of control groups: CPU, memory and the share of its limit, throttling, I/O, processes; one line a group.</summary>
    private static Table Cgroups(string title, IReadOnlyList<CgroupSnapshot> groups, int width)
    {
        static string Percent(double value) => double.IsNaN(value) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0}%");
        var room = Math.Max(12, width - BesidesGroup);
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(title) }
            .AddColumn("group").AddColumn(new TableColumn("cpu").RightAligned()).AddColumn(new TableColumn("memory").RightAligned())
            .AddColumn(new TableColumn("of limit").RightAligned()).AddColumn(new TableColumn("throttled").RightAligned())
            .AddColumn(new TableColumn("i/o").RightAligned()).AddColumn(new TableColumn("procs").RightAligned());
        foreach (var group in groups)
        {
            table.AddRow(
                new Text(group.Name.Length <= room ? group.Name : group.Name[..(room - 1)] + "…"),
                new Text(Percent(group.CpuPercent)),
                new Text(Sizes.Format(group.MemoryBytes)),
                new Text(Percent(group.MemoryPercent)),
                new Text(Percent(group.ThrottledPercent)),
                new Text(double.IsNaN(group.IoBytesPerSecond) ? "n/a" : $"{Sizes.Format((long)group.IoBytesPerSecond)}/s"),
                new Text(group.Processes.ToString(CultureInfo.InvariantCulture)));
        }

        return table;
    }

    /// <summary>A table of processes: their CPU and memory, or with <paramref name="io"/> what they read and write a second.</summary>
    private static Table Processes(string title, IReadOnlyList<ProcessSnapshot> processes, int width, bool io = false)
    {
        var room = Math.Max(12, width - BesidesCommand);
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(title) }
            .AddColumn(new TableColumn("pid").RightAligned()).AddColumn("user").AddColumn(new TableColumn(io ? "read" : "cpu").RightAligned())
            .AddColumn(new TableColumn(io ? "write" : "memory").RightAligned()).AddColumn("state").AddColumn("command");
        foreach (var process in processes)
        {
            table.AddRow(
                new Text(process.Pid.ToString(CultureInfo.InvariantCulture)),
                new Text(process.User),
                new Text(io ? $"{Sizes.Format((long)process.ReadBytesPerSecond)}/s" : string.Create(CultureInfo.InvariantCulture, $"{process.CpuPercent:0.0}%")),
                new Text(io ? $"{Sizes.Format((long)process.WriteBytesPerSecond)}/s" : Sizes.Format(process.RssBytes)),
                new Text(process.State.ToString()),
                // One line a process, whatever the command's length (the table would wrap it otherwise).
                new Text(process.Command.Length <= room ? process.Command : process.Command[..(room - 1)] + "…"));
        }

        return table;
    }

    private static string Sparkline(Metric metric, ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return "";
        }

        // From zero, as every metric is: a load going from 0.91 to 0.93 is a flat line, not a full-height step. A
        // percentage up to 100, or more (a named process's CPU over several cores: proc:java.cpu).
        double low = 0, high = metric.Kind == MetricKind.Percent ? 100 : 0;
        foreach (var value in values)
        {
            high = double.IsNaN(value) ? high : Math.Max(high, value);
        }

        var chars = new char[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var share = high > low && !double.IsNaN(values[i]) ? (values[i] - low) / (high - low) : 0;
            chars[i] = Bars[(int)Math.Round(Math.Clamp(share, 0, 1) * (Bars.Length - 1))];
        }

        return new string(chars);
    }
}
