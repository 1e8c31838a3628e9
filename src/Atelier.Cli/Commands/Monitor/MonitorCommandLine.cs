using System.CommandLine;
using System.Globalization;
using System.Net;
using Atelier.Monitoring;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Dashboard;

namespace Atelier.Cli.Commands.Monitor;

/// <summary><c>atelier monitor</c>'s options, and the sampling and alerting options they make.</summary>
internal sealed class MonitorCommandLine
{
    private static readonly MonitorOptions Sampling = new();
    private static readonly AlertOptions Alerting = new();

    public Option<TimeSpan?> Interval { get; } = CommonOptions.Duration("--interval", Sampling.Interval, "Time between samples", positive: true);

    public Option<int> Window { get; } = CommonOptions.Count("--window", Sampling.Window, "How many recent samples the window keeps.");

    public Option<TimeSpan?> Duration { get; } = CommonOptions.Duration("--duration", null, "Stop after this long (none: until Ctrl-C)");

    public Option<string[]> Disks { get; } = new("--disk") { Description = CommonOptions.WithDefault("A mount whose usage to measure (repeatable).", "/"), Arity = ArgumentArity.ZeroOrMore };

    public Option<bool> PerCore { get; } = new("--per-core") { Description = "Also show each core's CPU." };

    public Option<bool> EachSensor { get; } = new("--sensors") { Description = "Also show each temperature sensor (temp:LABEL, as 'sensors' labels it, for rules like 'temp:coretemp Core 0>90'); temp is the hottest." };

    public Option<int> Top { get; } = CommonOptions.Count(
        "--top", 0, "Show the top N processes by CPU and by memory: in the live view and the dashboard (5 there unless given), in each --json sample (none unless given). CPU and memory alerts carry the top 5 whatever this is.", minimum: 0);

    public Option<AlertRule[]> Alerts { get; } = new("--alert")
    {
        Description = CommonOptions.WithDefault("A rule: METRIC>VALUE[:warn|crit], e.g. cpu>80, mem>=95:crit, proc:java.cpu>150 or proc:nginx.count<1 (nginx is gone) (repeatable).", "cpu>80, mem>85, disk>90"),
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result =>
        {
            var rules = new List<AlertRule>();
            foreach (var token in result.Tokens)
            {
                if (!AlertRule.TryParse(token.Value, out var rule))
                {
                    result.AddError($"--alert '{token.Value}' is not METRIC>VALUE[:warn|crit] (for example cpu>80, mem>=95%:crit or load1>4).");
                    return [];
                }

                rules.Add(rule);
            }

            return [.. rules];
        },
    };

    public Option<int> Cgroups { get; } = new("--cgroups")
    {
        Description = $"Show the top N control groups (services, containers, user slices) by CPU and by memory: CPU % of a core, memory against each one's own limit, CPU throttling, disk I/O, processes; cgroup v2 or v1, whichever the machine mounts (this one: {(OperatingSystem.IsLinux() ? SystemMonitor.CgroupLayoutHere() : "none")}). Alone: {ShownCgroups}.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "N",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return ShownCgroups;
            }

            if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
            {
                return count;
            }

            result.AddError($"--cgroups '{result.Tokens[0].Value}' must be a whole number from 1.");
            return 0;
        },
    };

    /// <summary>The control groups shown when --cgroups gives no number.</summary>
    public const int ShownCgroups = 10;

    public Option<AlertSilence[]> Silences { get; } = new("--silence")
    {
        Description = "RULE@HH:MM-HH:MM: in that time of day (local; it may cross midnight) the rule, as written in --alert, or * for all, fires nothing: no command, webhook or exit 3, its events logged as silenced (repeatable).",
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result =>
        {
            var silences = new List<AlertSilence>();
            foreach (var token in result.Tokens)
            {
                try
                {
                    silences.Add(AlertSilence.Parse(token.Value));
                }
                catch (AtelierException e)
                {
                    result.AddError($"--silence {e.Message}");
                    return [];
                }
            }

            return [.. silences];
        },
    };

    public Option<TimeSpan?> CheckEvery { get; } = CommonOptions.Duration("--check-every", Alerting.CheckEvery, "How often alert rules are checked", positive: true);

    public Option<TimeSpan?> HoldFor { get; } = CommonOptions.Duration("--for", Alerting.For, "How long a condition must hold before its alert fires");

    public Option<double> Hysteresis { get; } = CommonOptions.Parsed<double>(
        "--hysteresis", CommonOptions.WithDefault("How far back across its threshold a value must go to clear an alert.", "5"), TryNumber, "a number");

    public Option<string?> AlertLog { get; } = new("--alert-log") { Description = "Append each alert event to FILE.jsonl." };

    public Option<string?> OnAlert { get; } = new("--on-alert") { Description = "Run this shell command on each alert event; it gets ATELIER_ALERT_STATE, _LEVEL, _RULE, _METRIC, _VALUE, _TIME." };

    public Option<Uri> Webhook { get; } = CommonOptions.Parsed<Uri>("--webhook", "POST each alert event as JSON to this URL (retried).", TryUrl, "an http or https URL");

    public Option<IPEndPoint> Serve { get; } = ServeOption();

    public Option<Uri[]> Peers { get; } = new("--peer")
    {
        Description = "Show another host's monitor on the dashboard: its --serve address, e.g. http://host-b:9100 (repeatable; needs --serve).",
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result =>
        {
            var urls = new List<Uri>();
            foreach (var token in result.Tokens)
            {
                if (!TryUrl(token.Value, out var url))
                {
                    result.AddError($"--peer '{token.Value}' is not an http or https URL (for example http://host-b:9100).");
                    return [];
                }

                urls.Add(url);
            }

            return [.. urls];
        },
    };

    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = "Serve /api and /metrics only to requests with 'Authorization: Bearer TOKEN', TOKEN being this file's first line (Prometheus: bearer_token_file); the page asks for it once.",
        HelpName = "FILE",
    };

    public Option<string?> ServeCertificate { get; } = new("--serve-cert") { Description = "Serve HTTPS with this certificate (PEM), with --serve-key.", HelpName = "FILE" };

    public Option<string?> ServeKey { get; } = new("--serve-key") { Description = "The private key (PEM) of --serve-cert.", HelpName = "FILE" };

    public Option<bool> NoAuth { get; } = new("--no-auth") { Description = "Serve an address other than loopback without --token-file; command lines are then left out (--show-commands keeps them)." };

    public Option<bool> ShowCommands { get; } = new("--show-commands") { Description = "With --no-auth: serve the top processes' command lines too (they may carry passwords)." };

    public Option<string?> PeerTokenFile { get; } = new("--peer-token-file") { Description = "Read --peer monitors with the token in this file (their --token-file).", HelpName = "FILE" };

    public Option<string?> Report { get; } = new("--report") { Description = "When the run ends, and each time a critical alert fires, write FILE.html: charts of the whole run, the summary, and the alerts with their top processes (one file, opens offline)." };

    public Option<bool> Json { get; } = CommonOptions.Json("Write one JSON object per sample on stdout.");

    public Option<bool> Csv { get; } = new("--csv") { Description = "Write samples as CSV on stdout." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the summary and alerts, no samples." };

    public IEnumerable<Symbol> All => [Interval, Window, Duration, Disks, PerCore, EachSensor, Top, Cgroups, Alerts, Silences, CheckEvery, HoldFor, Hysteresis, AlertLog, OnAlert, Webhook, Serve, TokenFile, ServeCertificate, ServeKey, NoAuth, ShowCommands, Peers, PeerTokenFile, Report, Json, Csv, Quiet];

    /// <summary>The processes shown where nothing says how many: the live view and the dashboard.</summary>
    public const int ShownProcesses = 5;

    /// <param name="parse">The command line.</param>
    /// <param name="showsProcesses">Whether a view shows processes (the live view, the dashboard): then <c>--top</c> defaults to <see cref="ShownProcesses"/>.</param>
    public MonitorOptions SamplingOptions(ParseResult parse, bool showsProcesses = false) => Sampling with
    {
        Interval = parse.GetValue(Interval) ?? Sampling.Interval,
        Window = parse.GetValue(Window),
        Disks = parse.GetValue(Disks) is { Length: > 0 } disks ? disks : Sampling.Disks,
        PerCore = parse.GetValue(PerCore),
        EachSensor = parse.GetValue(EachSensor),
        TopProcesses = parse.GetResult(Top) is { Implicit: false } || !showsProcesses ? parse.GetValue(Top) : ShownProcesses,
        Cgroups = parse.GetValue(Cgroups),
    };

    public AlertOptions AlertingOptions(ParseResult parse) => Alerting with
    {
        Rules = parse.GetValue(Alerts) is { Length: > 0 } rules ? rules : Alerting.Rules,
        CheckEvery = parse.GetValue(CheckEvery) ?? Alerting.CheckEvery,
        For = parse.GetValue(HoldFor) ?? Alerting.For,
        Hysteresis = parse.GetResult(Hysteresis) is null ? Alerting.Hysteresis : parse.GetValue(Hysteresis),
        Silences = parse.GetValue(Silences) ?? [],
    };

    public AlertSinks Sinks(ParseResult parse) => new() { LogPath = parse.GetValue(AlertLog), Command = parse.GetValue(OnAlert), Webhook = parse.GetValue(Webhook) };

    /// <summary>Who may read the dashboard: the token, HTTPS, command lines; refused when it would be open to the network unasked.</summary>
    /// <exception cref="AtelierException">A file cannot be read, or an address other than loopback has neither a token nor --no-auth.</exception>
    public DashboardOptions DashboardOptions(ParseResult parse, IPEndPoint endpoint, Peers? peers)
    {
        var token = parse.GetValue(TokenFile) is { } file ? ReadToken(file, "--token-file") : null;
        var noAuth = parse.GetValue(NoAuth);
        if (token is null && !noAuth && !IPAddress.IsLoopback(endpoint.Address))
        {
            throw new AtelierException(
                $"--serve {endpoint} opens the dashboard to the network, command lines and all: give --token-file FILE (and --serve-cert/--serve-key for HTTPS), or --no-auth to serve anyone (command lines left out).");
        }

        return new DashboardOptions
        {
            Token = token,
            CertificateFile = parse.GetValue(ServeCertificate),
            KeyFile = parse.GetValue(ServeKey),
            ShowCommands = token is not null || !noAuth || IPAddress.IsLoopback(endpoint.Address) || parse.GetValue(ShowCommands),
            Peers = peers,
        };
    }

    /// <summary>The token of --peer-token-file; null without it.</summary>
    public string? PeerToken(ParseResult parse) => parse.GetValue(PeerTokenFile) is { } file ? ReadToken(file, "--peer-token-file") : null;

    /// <summary>A file's first line, of at least 16 characters (a token short enough to guess is no lock).</summary>
    private static string ReadToken(string file, string option)
    {
        string token;
        try
        {
            token = File.ReadLines(file).FirstOrDefault()?.Trim() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"{option}: cannot read '{file}': {e.Message}", e);
        }

        return token.Length >= 16
            ? token
            : throw new AtelierException($"{option}: the token in '{file}' has {token.Length} characters; make one of at least 16, as in: head -c 32 /dev/urandom | base64 > {file}");
    }

    /// <summary>--serve alone serves on the default address, as its help says; --serve PORT or ADDRESS:PORT elsewhere.</summary>
    private static Option<IPEndPoint> ServeOption() => new("--serve")
    {
        Description = CommonOptions.WithDefault("Serve a live dashboard, /metrics (Prometheus) and /api/samples: PORT or ADDRESS:PORT; loopback unless an address is named.", "127.0.0.1:9100"),
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return DashboardAddress.Default;
            }

            var text = result.Tokens[0].Value;
            if (DashboardAddress.TryParse(text, out var endpoint))
            {
                return endpoint;
            }

            result.AddError($"--serve '{text}' is not PORT or ADDRESS:PORT (for example 9100, 127.0.0.1:9100 or 0.0.0.0:9100).");
            return null;
        },
    };

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0;

    private static bool TryUrl(string text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && url.Scheme is "http" or "https";
}
