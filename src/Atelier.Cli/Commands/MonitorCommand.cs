using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Cli.Commands.Monitor;
using Atelier.Cli.Rendering;
using Atelier.Monitoring;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Dashboard;
using Atelier.Monitoring.Reports;
using Spectre.Console;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier monitor</c>: sample CPU, memory and disk, alert on thresholds, summarise.</summary>
internal static class MonitorCommand
{
    private const string Description = """
        Sample CPU, memory and disk, alert on thresholds, and summarise: exit 3 when a critical alert fired.

        Examples:
          atelier monitor                                    # every second until Ctrl-C, then min/avg/max/p95
          atelier monitor --duration 10m --alert 'cpu>95:crit' -q; echo $?
          atelier monitor --serve 9100 --on-alert 'notify-send "$ATELIER_ALERT_RULE"'
          atelier monitor --serve 0.0.0.0:9100 --peer http://host-b:9100 --peer http://host-c:9100
          atelier monitor --duration 8h -q --report night.html
        """;

    public static Command Create()
    {
        var line = new MonitorCommandLine();
        var command = new Command("monitor", Description);
        line.All.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(line.Peers) is { Tokens.Count: > 0 } && result.GetResult(line.Serve) is null)
            {
                result.AddError("--peer shows other hosts on the dashboard: give --serve as well.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var serve = parse.GetResult(line.Serve) is not null;
            if (serve && !Edition.HasServerAndQueues)
            {
                Edition.HandOver("monitor --serve");
            }

            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var format = parse.GetValue(line.Json) ? SampleFormat.Json : parse.GetValue(line.Csv) ? SampleFormat.Csv
                : Terminal.IsInteractive(stdout) ? SampleFormat.Live : SampleFormat.Plain;
            var quiet = parse.GetValue(line.Quiet);
            var live = format == SampleFormat.Live && !quiet ? Terminal.For(stdout) : null;

            // On a terminal, alerts are written above the live table; written beside it, they would land inside.
            var alerts = live is not null && Terminal.IsInteractive(stderr) ? new LiveLineWriter(live) : stderr;
            var sampling = line.SamplingOptions(parse, showsProcesses: live is not null || serve);
            using var monitor = new SystemMonitor(sampling, line.AlertingOptions(parse));
            await using var dispatcher = new AlertDispatcher(line.Sinks(parse), new SynchronousProgress<string>(problem => alerts.WriteLine($"atelier: {problem}")));
            foreach (var note in monitor.Notes)
            {
                await stderr.WriteLineAsync($"atelier: {note}").ConfigureAwait(false);
            }

            using var peers = parse.GetValue(line.Peers) is { Length: > 0 } urls ? new Peers(urls, sampling.Interval) { Token = line.PeerToken(parse) } : null;
            var endpoint = parse.GetValue(line.Serve) ?? DashboardAddress.Default;
            await using var dashboard = !serve || !Edition.HasServerAndQueues
                ? null
                : await DashboardServer.StartAsync(monitor, endpoint, line.DashboardOptions(parse, endpoint, peers), cancellationToken).ConfigureAwait(false);
            if (dashboard is not null)
            {
                await stderr.WriteLineAsync($"atelier: dashboard on {dashboard.Address} (/metrics, /api/samples{(peers is null ? "" : $", {peers.Statuses.Count} {(peers.Statuses.Count == 1 ? "peer" : "peers")}")})").ConfigureAwait(false);
            }

            using var stopPeers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var polling = peers?.RunAsync(stopPeers.Token) ?? Task.CompletedTask;

            var samples = format == SampleFormat.Live || quiet ? null : new SampleWriter(monitor.Metrics, stdout, format);
            var reportPath = parse.GetValue(line.Report);
            var report = reportPath is null ? null : new MonitorReport(monitor.Metrics, monitor.Rules, sampling.Interval);
            var run = new MonitorLoop(monitor, dispatcher, samples, alerts) { Dashboard = dashboard, Report = report, ReportPath = reportPath }.RunAsync(parse.GetValue(line.Duration), cancellationToken);
            if (live is not null)
            {
                await live.Live(MonitorLiveView.Render(monitor, live.Profile.Height, live.Profile.Width)).StartAsync(context =>
                    RefreshLoop.RunAsync(run, sampling.Interval, () => context.UpdateTarget(MonitorLiveView.Render(monitor, live.Profile.Height, live.Profile.Width)))).ConfigureAwait(false);
            }

            await run.ConfigureAwait(false);
            await stopPeers.CancelAsync().ConfigureAwait(false);
            await polling.ConfigureAwait(false);
            var summary = monitor.Summarize();
            var interrupted = cancellationToken.IsCancellationRequested;

            // Samples as JSON or CSV keep stdout machine-readable: the summary for people goes to stderr then.
            var people = format is SampleFormat.Json or SampleFormat.Csv ? stderr : stdout;
            MonitorSummaryWriter.Write(Terminal.For(people), people, summary, monitor.Notes, interrupted);
            if (report is not null)
            {
                report.Write(reportPath!, summary, Environment.MachineName);
                await stderr.WriteLineAsync($"atelier: report in {reportPath} ({report.History.Samples} samples)").ConfigureAwait(false);
            }
            return summary.CriticalFired ? ExitCodes.CriticalAlert : interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }
}
