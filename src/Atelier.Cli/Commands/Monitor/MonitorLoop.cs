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

    /// <summary>Where the report goes: written at the end, and also each time a critical alert fires (a machine that goes down then leaves it).</summary>
    public string? ReportPath { get; init; }

    /// <summary>"; top: 4242 java -jar app.jar (150% CPU, 1.2 GiB)" for an alert that names its processes.</summary>
    private static string Top(AlertEvent alert) => alert.Processes is [var first, ..]
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; top: {first.Pid} {first.Command} ({first.CpuPercent:0.#}% CPU, {Rendering.Sizes.Format(first.RssBytes)})")
        : "";

    /// <summary>The report so far; a report that cannot be written is a line on the alerts' writer, not the end of the run.</summary>
    private async Task WriteReportAsync()
    {
        try
        {
            Report!.Write(ReportPath!, monitor.Summarize(), Environment.MachineName);
        }
        catch (AtelierException e)
        {
            await alerts.WriteLineAsync($"atelier: {e.Message}").ConfigureAwait(false);
        }
    }

    public async Task RunAsync(TimeSpan? duration, CancellationToken cancellationToken)
    {
        var row = new double[monitor.Metrics.Count];
        await foreach (var tick in monitor.RunAsync(duration, cancellationToken).ConfigureAwait(false))
        {
            monitor.Window.TryLatest(row, out var time);
            Dashboard?.Publish(tick);
            Report?.Add(row, time);
            samples?.Write(row, time, tick.Processes, tick.Cgroups);
            foreach (var alert in tick.Alerts)
            {
                dispatcher.Publish(alert);
                var metric = monitor.Metrics.First(m => m.Name == alert.Metric);
                await alerts.WriteLineAsync(
                    $"atelier: alert {(alert.Firing ? "FIRING" : "cleared")}{(alert.Silenced ? " (silenced)" : "")}: {alert.Level.ToString().ToLowerInvariant()} {alert.Rule} ({alert.Metric} = {MetricFormat.Value(metric, alert.Value)}){Top(alert)}").ConfigureAwait(false);
            }

            if (Report is not null && ReportPath is not null && tick.Alerts.Any(a => a.Firing && a.Level == AlertLevel.Crit && !a.Silenced))
            {
                await WriteReportAsync().ConfigureAwait(false);
            }
        }
    }
}
