using Atelier.Cli.Commands.Monitor;
using Atelier.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Atelier.Cli.Rendering;

/// <summary>The monitor on a terminal: each metric's current value and a sparkline of the window, and the alerts firing.</summary>
internal static class MonitorLiveView
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    public static IRenderable Render(SystemMonitor monitor)
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
        return new Rows(table, footer);
    }

    private static string Sparkline(Metric metric, ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return "";
        }

        // From zero, as every metric is: a load going from 0.91 to 0.93 is a flat line, not a full-height step.
        double low = 0, high = 100;
        if (metric.Kind != MetricKind.Percent)
        {
            high = 0;
            foreach (var value in values)
            {
                high = double.IsNaN(value) ? high : Math.Max(high, value);
            }
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
