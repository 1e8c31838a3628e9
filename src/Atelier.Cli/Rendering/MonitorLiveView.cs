using System.Globalization;
using Atelier.Cli.Commands.Monitor;
using Atelier.Monitoring;
using Atelier.Monitoring.Processes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Atelier.Cli.Rendering;

/// <summary>
/// The monitor on a terminal: each metric's current value and a sparkline of the window, the alerts firing, and the top
/// processes by CPU and by memory when the terminal is tall enough for them.
/// </summary>
internal static class MonitorLiveView
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <param name="monitor">What to show.</param>
    /// <param name="height">The terminal's height in lines: the process tables come only if they fit below the metrics.</param>
    public static IRenderable Render(SystemMonitor monitor, int height)
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
        var rows = processes.ByCpu.Count + processes.ByMemory.Count;

        // The metrics table: a line per metric, four of borders and header, one of title; the footer's lines; then two
        // process tables of four lines each besides their rows.
        var needed = metrics.Count + 5 + Math.Max(1, alerts.Count) + rows + 8;
        return rows == 0 || needed > height
            ? new Rows(table, footer)
            : new Rows(table, footer, Processes("top by CPU", processes.ByCpu), Processes("top by memory", processes.ByMemory));
    }

    private static Table Processes(string title, IReadOnlyList<ProcessSnapshot> processes)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(title) }
            .AddColumn(new TableColumn("pid").RightAligned()).AddColumn("user").AddColumn(new TableColumn("cpu").RightAligned())
            .AddColumn(new TableColumn("memory").RightAligned()).AddColumn("state").AddColumn("command");
        foreach (var process in processes)
        {
            table.AddRow(
                new Text(process.Pid.ToString(CultureInfo.InvariantCulture)),
                new Text(process.User),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{process.CpuPercent:0.0}%")),
                new Text(Sizes.Format(process.RssBytes)),
                new Text(process.State.ToString()),
                new Text(process.Command) { Overflow = Overflow.Ellipsis });
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
