using System.Text.Json;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.Commands;

public sealed class MonitorCommandTests
{
    [Fact]
    public async Task Monitor_ForADuration_PrintsALinePerSampleThenTheSummaryAndExitsZero()
    {
        var run = await CliRun.InvokeAsync("monitor --duration 1s --interval 200ms --alert load15>100000");

        Assert.Equal(0, run.ExitCode);
        var samples = run.OutputLines.Where(l => l.StartsWith('[')).ToList();
        Assert.InRange(samples.Count, 3, 6);
        Assert.All(samples, l => Assert.Matches(@"^\[\d\d:\d\d:\d\d\] CPU: \d+\.\d% \| Memory: \d+\.\d% \| Load 1m: \d+\.\d\d \| Disk /: \d+\.\d%$", l));
        Assert.Contains(run.OutputLines, l => l.Contains("p95", StringComparison.Ordinal));
        Assert.Equal("No alert fired.", run.OutputLines[^1]);
    }

    [Fact]
    public async Task Monitor_CriticalAlertInItsSilence_IsLoggedAndShown_ButRunsNoHookAndExitsZero()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "alerts.jsonl");
        var hook = Path.Combine(folder.Path, "hook.txt");
        var run = await CliRun.InvokeAsync(
            ["monitor", "-q", "--duration", "1500ms", "--interval", "100ms", "--check-every", "200ms", "--for", "300ms", "--alert", "mem>0:crit",
             "--silence", "mem>0:crit@00:00-24:00", "--alert-log", log, "--on-alert", $"echo fired >> {hook}"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("atelier: alert FIRING (silenced): crit mem>0:crit (mem = ", StringComparison.Ordinal));
        Assert.EndsWith(", silenced.", run.OutputLines[^1], StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken))).RootElement.GetProperty("silenced").GetBoolean());
        Assert.False(File.Exists(hook));
    }

    [Fact]
    public async Task Monitor_CriticalAlertFired_ExitsThreeAndSaysSo()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "alerts.jsonl");
        var hook = Path.Combine(folder.Path, "hook.txt");
        var run = await CliRun.InvokeAsync(
            ["monitor", "-q", "--duration", "1500ms", "--interval", "100ms", "--check-every", "200ms", "--for", "300ms", "--alert", "mem>0:crit",
             "--alert-log", log, "--on-alert", $"echo \"$ATELIER_ALERT_STATE $ATELIER_ALERT_LEVEL $ATELIER_ALERT_RULE $ATELIER_ALERT_METRIC\" >> {hook}"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("atelier: alert FIRING: crit mem>0:crit (mem = ", StringComparison.Ordinal));
        Assert.StartsWith("Alerts fired: crit mem>0:crit at ", run.OutputLines[^1], StringComparison.Ordinal);
        var line = Assert.Single(await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken));
        Assert.Contains("\"rule\":\"mem>0:crit\"", line, StringComparison.Ordinal);
        var logged = JsonDocument.Parse(line).RootElement;
        Assert.Equal(("mem>0:crit", "mem", "crit", true), (logged.GetProperty("rule").GetString(), logged.GetProperty("metric").GetString(), logged.GetProperty("level").GetString(), logged.GetProperty("firing").GetBoolean()));
        Assert.Equal("firing crit mem>0:crit mem", Assert.Single(await File.ReadAllLinesAsync(hook, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Monitor_Json_IsOneObjectPerSampleWithEveryMetric_AndTheSummaryGoesToStderr()
    {
        var run = await CliRun.InvokeAsync("monitor --json --duration 800ms --interval 200ms --alert load15>100000 --per-core");

        Assert.Equal(0, run.ExitCode);
        var samples = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.InRange(samples.Count, 2, 5);
        Assert.All(samples, s => Assert.InRange(s.GetProperty("cpu").GetDouble(), 0, 100));
        Assert.All(samples, s => Assert.True(s.TryGetProperty("cpu0", out _)));
        Assert.All(samples, s => Assert.True(s.TryGetProperty("disk:/", out _)));
        Assert.Contains("No alert fired.", run.ErrorLines);
    }

    [Fact]
    public async Task Monitor_JsonWithTop_EachSampleCarriesTheTopProcesses_AndAMemoryAlertNamesOne()
    {
        var run = await CliRun.InvokeAsync("monitor --json --top 2 --duration 800ms --interval 200ms --alert mem>=0 --for 0s --check-every 200ms");

        Assert.Equal(0, run.ExitCode);
        var samples = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.Equal(2, s.GetProperty("processes").GetProperty("by_memory").GetArrayLength()));
        var biggest = samples[0].GetProperty("processes").GetProperty("by_memory")[0];
        Assert.True(biggest.GetProperty("pid").GetInt32() > 0 && biggest.GetProperty("rss_bytes").GetInt64() > 0);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("atelier: alert FIRING: warn mem>=0 (mem = ", StringComparison.Ordinal) && l.Contains("; top: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monitor_Csv_HasAHeaderThenRows()
    {
        var run = await CliRun.InvokeAsync("monitor --csv --duration 600ms --interval 200ms --alert load15>100000 --disk /");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("time,cpu,mem,swap,load1,load5,load15,net_rx,net_tx,disk_read,disk_write,temp,disk:/", run.OutputLines[0]);
        Assert.All(run.OutputLines.Skip(1), l => Assert.Equal(13, l.Split(',').Length));
    }

    [Fact]
    public async Task Monitor_Interrupted_PrintsTheSummaryAndExits130()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(700));

        var run = await CliRun.InvokeAsync("monitor --interval 200ms --alert load15>100000", cancel.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("Interrupted. No alert fired.", run.OutputLines[^1]);
    }

    [Fact]
    public async Task Monitor_Serve_SaysWhereTheDashboardIs()
    {
        var run = await CliRun.InvokeAsync("monitor -q --serve 0 --duration 400ms --interval 100ms --alert load15>100000");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^atelier: dashboard on http://127\.0\.0\.1:[1-9]\d*/ \(/metrics, /api/samples\)$", run.ErrorLines[0]);
    }

    [Fact]
    public async Task Monitor_ServeOnTheNetwork_WithoutAToken_IsRefusedNamingTokenFile_AndNoAuthServesIt()
    {
        var refused = await CliRun.InvokeAsync("monitor -q --serve 0.0.0.0:0 --duration 400ms --interval 100ms");
        var open = await CliRun.InvokeAsync("monitor -q --serve 0.0.0.0:0 --no-auth --duration 400ms --interval 100ms");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("atelier: --serve 0.0.0.0:0 opens the dashboard to the network, command lines and all: give --token-file FILE (and --serve-cert/--serve-key for HTTPS), or --no-auth to serve anyone (command lines left out).", refused.ErrorLines[^1]);
        Assert.Equal(0, open.ExitCode);
        Assert.Matches(@"^atelier: dashboard on http://0\.0\.0\.0:[1-9]\d*/ ", open.ErrorLines[0]);
    }

    [Fact]
    public async Task Monitor_TokenFile_TooShort_IsRefused()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "token");
        await File.WriteAllTextAsync(file, "short\n", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["monitor", "-q", "--serve", "0", "--token-file", file, "--duration", "400ms"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"atelier: --token-file: the token in '{file}' has 5 characters; make one of at least 16, as in: head -c 32 /dev/urandom | base64 > {file}", run.ErrorLines[^1]);
    }

    [Fact]
    public async Task Monitor_ServeWithPeers_SaysHowManyHostsThePageShows_AndAPeerDownDoesNotStopTheRun()
    {
        using var free = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        free.Start();
        var port = ((System.Net.IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();

        var run = await CliRun.InvokeAsync($"monitor -q --serve 0 --peer http://127.0.0.1:{port} --peer http://127.0.0.1:{port}/b --duration 400ms --interval 100ms --alert load15>100000");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^atelier: dashboard on http://127\.0\.0\.1:[1-9]\d*/ \(/metrics, /api/samples, 2 peers\)$", run.ErrorLines[0]);
    }

    [Fact]
    public async Task Monitor_Report_WritesTheWholeRunToOneHtmlFileWhenItEnds()
    {
        using var folder = new Atelier.Tests.Support.TempFolder();
        var path = Path.Combine(folder.Path, "run.html");

        var run = await CliRun.InvokeAsync(["monitor", "-q", "--duration", "600ms", "--interval", "100ms", "--alert", "mem>0:crit", "--for", "0s", "--check-every", "100ms", "--report", path]);

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"^atelier: report in .*run\.html \((\d+) samples\)$", run.ErrorLines[^1]);
        var samples = int.Parse(System.Text.RegularExpressions.Regex.Match(run.ErrorLines[^1], @"\((\d+) samples").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(samples, 3, 7);
        var html = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var data = System.Text.Json.JsonDocument.Parse(System.Text.RegularExpressions.Regex.Match(html, @"<script id=""data"" type=""application/json"">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value).RootElement;
        Assert.Equal(samples, data.GetProperty("samples").GetInt32());
        Assert.Equal(samples, data.GetProperty("times").GetArrayLength());
        Assert.Equal("mem>0:crit", data.GetProperty("alerts")[0].GetProperty("rule").GetString());
        Assert.True(data.GetProperty("alerts")[0].GetProperty("processes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Monitor_ServeOnAPortInUse_IsAOneLineErrorBeforeAnySample()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var run = await CliRun.InvokeAsync($"monitor --serve {port} --duration 400ms --interval 100ms");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"atelier: Cannot serve the dashboard on 127.0.0.1:{port}: Failed to bind to address http://127.0.0.1:{port}: address already in use.", run.Error.TrimEnd('\n'));
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("monitor --cgroups 0", "atelier: --cgroups '0' must be a whole number from 1. See 'atelier monitor --help'.")]
    [InlineData("monitor --silence cpu>80@25:00-26:00", "atelier: --silence 'cpu>80@25:00-26:00' is not RULE@HH:MM-HH:MM (a rule as written in --alert, or *, then a window of the day in local time, for example 'disk>90@01:00-03:30' or '*@22:00-06:00'). See 'atelier monitor --help'.")]
    [InlineData("monitor --silence cpu>90@01:00-02:00", "atelier: --silence 'cpu>90@01:00-02:00' names no rule: the rules are 'cpu>80', 'mem>85', 'disk>90' (or * for all of them).")]
    [InlineData("monitor --alert cpu>>1", "atelier: --alert 'cpu>>1' is not METRIC>VALUE[:warn|crit] (for example cpu>80, mem>=95%:crit or load1>4). See 'atelier monitor --help'.")]
    [InlineData("monitor --alert load1>4%", "atelier: --alert 'load1>4%' gives a percentage, but 'load1' is not one: leave out the %.")]
    [InlineData("monitor --alert CPU>500", "atelier: --alert 'CPU>500' can never fire: 'cpu' is a percentage, from 0 to 100.")]
    [InlineData("monitor --interval 0s", "atelier: --interval '0s' must be more than zero. See 'atelier monitor --help'.")]
    [InlineData("monitor --alert gpu>1", "atelier: --alert 'gpu>1' watches 'gpu', but there is no such metric; there are cpu, mem, swap, load1, load5, load15, net_rx, net_tx, disk_read, disk_write, temp, disk:/, disk.")]
    [InlineData("monitor --alert proc:java>150", "atelier: --alert 'proc:java>150' watches 'proc:java': a process rule is proc:NAME.cpu (percent of one core, summed over the processes named NAME), proc:NAME.mem (percent of memory) or proc:NAME.count (how many run), for example proc:java.cpu>150 or proc:nginx.count<1 (nginx is gone).")]
    [InlineData("monitor --disk /proc", "atelier: --disk '/proc' is a proc pseudo filesystem, not a disk.")]
    [InlineData("monitor --interval soon", "atelier: --interval 'soon' is not a duration (for example 500ms, 10s, 2m). See 'atelier monitor --help'.")]
    [InlineData("monitor --serve nowhere", "atelier: --serve 'nowhere' is not PORT or ADDRESS:PORT (for example 9100, 127.0.0.1:9100 or 0.0.0.0:9100). See 'atelier monitor --help'.")]
    [InlineData("monitor --serve 0 --peer ftp://b", "atelier: --peer 'ftp://b' is not an http or https URL (for example http://host-b:9100). See 'atelier monitor --help'.")]
    [InlineData("monitor --peer http://b:9100", "atelier: --peer shows other hosts on the dashboard: give --serve as well. See 'atelier monitor --help'.")]
    [InlineData("monitor --webhook ftp://x", "atelier: --webhook 'ftp://x' is not an http or https URL. See 'atelier monitor --help'.")]
    public async Task Monitor_UsageErrors_AreOneLineAndExitOne(string args, string message)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(message, run.Error.TrimEnd('\n'));
    }
}
