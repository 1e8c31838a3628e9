using Atelier.Monitoring;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Dashboard;
using Atelier.Monitoring.Reports;

namespace Atelier.Cli.Commands.Monitor;

/// <summary>What happens at each sample: the dashboard gets it, the sample line is written, alerts go to their sinks and to people.</summary>
internal sealed class MonitorLoop(SystemMonitor monitor, AlertDispatcher dispatcher, SampleWriter? samples, TextWriter alerts)
{
    /// <summary>The dashboard to publish each sample to, once it is serving.</summary>
    public DashboardServer? Dashboard { get; init; }

    /// <summary>The report to add each sample to, when one is written at the end.</summary>
    public MonitorReport? Report { get; init; }

    /// <summary>"; top: 4242 java -jar app.jar (150% CPU, 1.2 GiB)" for an alert that names its processes.</summary>
    private static string Top(AlertEvent alert) => alert.Processes is [var first, ..]
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; top: {first.Pid} {first.Command} ({first.CpuPercent:0.#}% CPU, {Rendering.Sizes.Format(first.RssBytes)})")
        : "";

    public async Task RunAsync(TimeSpan? duration, CancellationToken cancellationToken)
    {
        var row = new double[monitor.Metrics.Count];
        await foreach (var tick in monitor.RunAsync(duration, cancellationToken).ConfigureAwait(false))
        {
            monitor.Window.TryLatest(row, out var time);
            Dashboard?.Publish(tick);
            Report?.Add(row, time);
            samples?.Write(row, time, tick.Processes);
            foreach (var alert in tick.Alerts)
            {
                dispatcher.Publish(alert);
                var metric = monitor.Metrics.First(m => m.Name == alert.Metric);
                await alerts.WriteLineAsync(
                    $"atelier: alert {(alert.Firing ? "FIRING" : "cleared")}: {alert.Level.ToString().ToLowerInvariant()} {alert.Rule} ({alert.Metric} = {MetricFormat.Value(metric, alert.Value)}){Top(alert)}").ConfigureAwait(false);
            }
        }
    }
}
