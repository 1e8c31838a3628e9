using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Atelier.Monitoring.Alerts;

/// <summary>
/// Delivers alert events to their sinks (a JSON-lines log, a command, a webhook) in the background, in order, so a
/// slow hook never delays sampling. A failed delivery is reported, never thrown. A silenced event goes to the log
/// only: no command runs and no webhook is called for it.
/// </summary>
public sealed class AlertDispatcher : IAsyncDisposable
{
    private readonly AlertSinks sinks;
    private readonly IProgress<string>? problems;
    private readonly Channel<AlertEvent> queue = Channel.CreateUnbounded<AlertEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly AlertWebhook? webhook;
    private readonly Task delivering;

    /// <summary>Starts delivering to the given sinks; <paramref name="problems"/> hears of each failed delivery.</summary>
    public AlertDispatcher(AlertSinks sinks, IProgress<string>? problems = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        this.sinks = sinks;
        this.problems = problems;
        // Built only when asked for: a monitor without a webhook never loads the HTTP stack or Polly.
        webhook = sinks.Webhook is { } url ? new AlertWebhook(url, time ?? TimeProvider.System) : null;
        delivering = DeliverAsync();
    }

    /// <summary>Queues an event; returns at once.</summary>
    public void Publish(AlertEvent alert) => queue.Writer.TryWrite(alert);

    /// <summary>Delivers what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await delivering.ConfigureAwait(false);
        webhook?.Dispose();
    }

    private async Task DeliverAsync()
    {
        await foreach (var alert in queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (sinks.LogPath is { } log)
            {
                await Try("the alert log", () => File.AppendAllTextAsync(log, ReadableJson.Serialize(alert, MonitoringJsonContext.Default.AlertEvent) + "\n")).ConfigureAwait(false);
            }

            if (alert.Silenced)
            {
                continue;
            }

            if (sinks.Command is { } command)
            {
                await Try("the alert command", () => RunCommandAsync(command, alert)).ConfigureAwait(false);
            }

            if (webhook is not null)
            {
                await Try("the webhook", () => webhook.PostAsync(alert)).ConfigureAwait(false);
            }
        }
    }

    private async Task Try(string sink, Func<Task> deliver)
    {
        try
        {
            await deliver().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception || AlertWebhook.IsDeliveryFailure(e))
        {
            problems?.Report($"{sink} failed: {e.Message}");
        }
    }

    private static async Task RunCommandAsync(string command, AlertEvent alert)
    {
        // The event travels in the environment, never spliced into the command line: no value can become shell code.
        var start = new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false };
        start.Environment["ATELIER_ALERT_STATE"] = alert.Firing ? "firing" : "cleared";
        start.Environment["ATELIER_ALERT_LEVEL"] = alert.Level.ToString().ToLowerInvariant();
        start.Environment["ATELIER_ALERT_RULE"] = alert.Rule;
        start.Environment["ATELIER_ALERT_METRIC"] = alert.Metric;
        start.Environment["ATELIER_ALERT_VALUE"] = alert.Value.ToString("0.##", CultureInfo.InvariantCulture);
        start.Environment["ATELIER_ALERT_TIME"] = alert.Time.ToString("O", CultureInfo.InvariantCulture);
        if (alert.Processes is { Count: > 0 } processes)
        {
            // One process a line: pid, user, CPU % of a core, resident bytes, command line.
            start.Environment["ATELIER_ALERT_PROCESSES"] = string.Join('\n', processes.Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Pid}\t{p.User}\t{p.CpuPercent:0.#}\t{p.RssBytes}\t{p.Command}")));
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{command}'");
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with code {process.ExitCode}");
        }
    }
}
