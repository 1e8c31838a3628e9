using System.CommandLine;
using Atelier.Cli.Commands.Monitor;
using Atelier.Cli.Rendering;
using Atelier.Monitoring;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Dashboard;
using Spectre.Console;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier monitor</c>: sample CPU, memory and disk, alert on thresholds, summarise.</summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var sampling = new MonitorOptions();
        var alerting = new AlertOptions();
        var interval = CommonOptions.Duration("--interval", sampling.Interval, "Time between samples");
        var window = CommonOptions.Count("--window", sampling.Window, "How many recent samples the window keeps.");
        var duration = CommonOptions.Duration("--duration", null, "Stop after this long (default: run until Ctrl-C)");
        var disks = new Option<string[]>("--disk") { Description = "A mount whose usage to measure (repeatable). Default: /.", Arity = ArgumentArity.ZeroOrMore };
        var perCore = new Option<bool>("--per-core") { Description = "Also show each core's CPU." };
        var alerts = new Option<string[]>("--alert") { Description = "A rule: METRIC>VALUE[:warn|crit], e.g. cpu>80 or mem>=95:crit (repeatable). Default: cpu>80, mem>85, disk>90.", Arity = ArgumentArity.ZeroOrMore };
        alerts.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!TryRule(token.Value, out _))
                {
                    result.AddError($"--alert '{token.Value}' is not METRIC>VALUE[:warn|crit] (for example cpu>80 or mem>=95:crit).");
                    return;
                }
            }
        });
        var checkEvery = CommonOptions.Duration("--check-every", alerting.CheckEvery, "How often alert rules are checked");
        var holdFor = CommonOptions.Duration("--for", alerting.For, "How long a condition must hold before its alert fires");
        var hysteresis = CommonOptions.Parsed<double>("--hysteresis", "How far back across its threshold a value must go to clear an alert. Default: 5.", TryNumber, "a number");
        var alertLog = new Option<string?>("--alert-log") { Description = "Append each alert event to FILE.jsonl." };
        var onAlert = new Option<string?>("--on-alert") { Description = "Run this shell command on each alert event; it gets ATELIER_ALERT_STATE, _LEVEL, _RULE, _METRIC, _VALUE, _TIME." };
        var webhook = CommonOptions.Parsed<Uri>("--webhook", "POST each alert event as JSON to this URL (retried).", TryUrl, "an http or https URL");
        var json = CommonOptions.Json();
        json.Description = "Write one JSON object per sample on stdout.";
        var csv = new Option<bool>("--csv") { Description = "Write samples as CSV on stdout." };
        var serve = CommonOptions.Parsed<System.Net.IPEndPoint>(
            "--serve", "Serve a live dashboard, /metrics (Prometheus) and /api/samples: PORT or ADDRESS:PORT; loopback unless an address is named. Default: 127.0.0.1:9100.",
            TryAddress, "PORT or ADDRESS:PORT (for example 9100, 127.0.0.1:9100 or 0.0.0.0:9100)");
        serve.Arity = ArgumentArity.ZeroOrOne;
        var quiet = CommonOptions.Quiet();
        quiet.Description = "Print only the summary and alerts, no samples.";

        var command = new Command("monitor", "Sample CPU, memory and disk, alert on thresholds, and summarise: exit 3 when a critical alert fired.")
        {
            interval, window, duration, disks, perCore, alerts, checkEvery, holdFor, hysteresis, alertLog, onAlert, webhook, serve, json, csv, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetResult(serve) is not null && !Edition.HasServerAndQueues)
            {
                Edition.HandOver("monitor --serve");
            }

            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var givenDisks = parse.GetValue(disks) ?? [];
            var givenRules = (parse.GetValue(alerts) ?? []).Select(AlertRule.Parse).ToList();
            var options = sampling with
            {
                Interval = parse.GetValue(interval) ?? sampling.Interval,
                Window = parse.GetValue(window),
                Disks = givenDisks.Length > 0 ? givenDisks : sampling.Disks,
                PerCore = parse.GetValue(perCore),
            };
            var alertOptions = alerting with
            {
                Rules = givenRules.Count > 0 ? givenRules : alerting.Rules,
                CheckEvery = parse.GetValue(checkEvery) ?? alerting.CheckEvery,
                For = parse.GetValue(holdFor) ?? alerting.For,
                Hysteresis = parse.GetResult(hysteresis) is null ? alerting.Hysteresis : parse.GetValue(hysteresis),
            };
            using var monitor = new SystemMonitor(options, alertOptions);
            await using var dispatcher = new AlertDispatcher(
                new AlertSinks { LogPath = parse.GetValue(alertLog), Command = parse.GetValue(onAlert), Webhook = parse.GetValue(webhook) },
                new SynchronousProgress<string>(problem => stderr.WriteLine($"atelier: {problem}")));
            var format = parse.GetValue(json) ? SampleFormat.Json : parse.GetValue(csv) ? SampleFormat.Csv
                : Terminal.IsInteractive(stdout) ? SampleFormat.Live : SampleFormat.Plain;
            var writer = new SampleWriter(monitor.Metrics, stdout, format);
            var quietly = parse.GetValue(quiet);
            foreach (var note in monitor.Notes)
            {
                await stderr.WriteLineAsync($"atelier: {note}").ConfigureAwait(false);
            }

            await using var dashboard = parse.GetResult(serve) is null || !Edition.HasServerAndQueues
                ? null
                : await DashboardServer.StartAsync(monitor, parse.GetValue(serve) ?? DashboardAddress.Default, cancellationToken).ConfigureAwait(false);
            if (dashboard is not null)
            {
                await stderr.WriteLineAsync($"atelier: dashboard on {dashboard.Address} (/metrics, /api/samples)").ConfigureAwait(false);
            }

            var run = SampleAsync(monitor, dispatcher, dashboard, writer, stderr, format == SampleFormat.Live || quietly, parse.GetValue(duration), cancellationToken);
            if (format == SampleFormat.Live && !quietly)
            {
                await Terminal.For(stdout).Live(MonitorLiveView.Render(monitor)).StartAsync(async live =>
                {
                    while (await Task.WhenAny(run, Task.Delay(options.Interval, CancellationToken.None)).ConfigureAwait(false) != run)
                    {
                        live.UpdateTarget(MonitorLiveView.Render(monitor));
                    }
                }).ConfigureAwait(false);
            }

            await run.ConfigureAwait(false);
            var summary = monitor.Summarize();
            var interrupted = cancellationToken.IsCancellationRequested;
            // Samples as JSON or CSV keep stdout machine-readable: the summary for people goes to stderr then.
            var people = format is SampleFormat.Json or SampleFormat.Csv ? stderr : stdout;
            MonitorSummaryWriter.Write(Terminal.For(people), people, summary, monitor.Notes, interrupted);
            return summary.CriticalFired ? ExitCodes.CriticalAlert : interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }

    private static async Task SampleAsync(
        SystemMonitor monitor, AlertDispatcher dispatcher, DashboardServer? dashboard, SampleWriter writer, TextWriter stderr, bool silent, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var row = new double[monitor.Metrics.Count];
        await foreach (var tick in monitor.RunAsync(duration, cancellationToken).ConfigureAwait(false))
        {
            monitor.Window.TryLatest(row, out var time);
            dashboard?.Publish(tick);
            if (!silent)
            {
                writer.Write(row, time);
            }

            foreach (var alert in tick.Alerts)
            {
                dispatcher.Publish(alert);
                await stderr.WriteLineAsync(
                    $"atelier: alert {(alert.Firing ? "FIRING" : "cleared")}: {alert.Level.ToString().ToLowerInvariant()} {alert.Rule} ({alert.Metric} = {MetricFormat.Value(monitor.Metrics.First(m => m.Name == alert.Metric), alert.Value)})").ConfigureAwait(false);
            }
        }
    }

    private static bool TryRule(string text, out AlertRule rule)
    {
        try
        {
            rule = AlertRule.Parse(text);
            return true;
        }
        catch (AtelierException)
        {
            rule = null!;
            return false;
        }
    }

    private static bool TryAddress(string text, out System.Net.IPEndPoint endpoint) => DashboardAddress.TryParse(text, out endpoint);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= 0;

    private static bool TryUrl(string text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && url.Scheme is "http" or "https";
}
