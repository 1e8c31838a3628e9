using System.Text.Json;
using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.Commands;

public sealed class FetchCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private MisbehavingServer Server => fixture.Server;

    [Fact]
    public async Task Fetch_Urls_SavesThemAndEndsWithASummary()
    {
        using var folder = new TempFolder();
        var run = await CliRun.InvokeAsync(["fetch", "-q", "-o", folder.Path, Server.Url("/files/one.bin?size=100"), Server.Url("/files/two.bin?size=200")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["one.bin", "two.bin"], folder.Files);
        Assert.Matches(@"^2 downloaded, 0 failed in \d+\.\d\d s; 300 B at .*/s\.$", run.OutputLines[^1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Fetch_SomeFail_ExitsTwoAndTheTableSaysWhy()
    {
        using var folder = new TempFolder();
        var run = await CliRun.InvokeAsync(["fetch", "-q", "-o", folder.Path, Server.Url("/files/ok.bin?size=10"), Server.Url("/status/404?key=cli404"), "ftp://nope"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HTTP 404 Not Found", run.Output, StringComparison.Ordinal);
        Assert.Contains("unsupported scheme 'ftp'", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("1 downloaded, 2 failed", run.OutputLines[^1], StringComparison.Ordinal);
        Assert.Equal(["ok.bin"], folder.Files);
    }

    [Fact]
    public async Task Fetch_SplitAndMirrors_OneFileOverSeveralConnectionsAndTheReportSaysWhichSourceServed()
    {
        using var folder = new TempFolder();
        var list = Path.Combine(folder.Path, "list.txt");
        var good = Server.Url("/ranged/cli-split.bin?size=1048576&pauseMs=1&holdFor=3");
        await File.WriteAllTextAsync(list, $"{good}\t{Server.Url("/status/404?key=cli-mirror")}\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(folder.Path, "out");

        var run = await CliRun.InvokeAsync(["fetch", "--json", "-q", "--split", "3", "--min-split-size", "64k", "-i", list, "-o", output]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Body.Ranged("cli-split.bin", 1_048_576), await File.ReadAllBytesAsync(Path.Combine(output, "cli-split.bin"), TestContext.Current.CancellationToken));
        var line = JsonDocument.Parse(Assert.Single(run.OutputLines)).RootElement;
        Assert.Equal(3, line.GetProperty("connections").GetInt32());
        var mirrors = line.GetProperty("mirrors").EnumerateArray().ToList();
        Assert.Equal((1_048_576L, JsonValueKind.Null), (mirrors[0].GetProperty("bytes").GetInt64(), mirrors[0].GetProperty("dropped").ValueKind));
        Assert.Equal("HTTP 404 Not Found", mirrors[1].GetProperty("dropped").GetString());
    }

    [Fact]
    public async Task Fetch_LyingServer_StartsAgainAndSaysWhy_OrFailsNamingTheLie()
    {
        using var folder = new TempFolder();
        var report = Path.Combine(folder.Path, "report.jsonl");
        var output = Path.Combine(folder.Path, "out");
        var size = 262_144;

        // A server that cuts the first answer and answers the resume 1,000 bytes early, and one that answers half the
        // file (206) to a request for all of it.
        var run = await CliRun.InvokeAsync([
            "fetch", "--report", report, "-o", output,
            Server.Url($"/lying/cli-other.bin?size={size}&lie=other&cuts=1&cutAfter=100000"), Server.Url($"/lying/cli-unasked.bin?size={size}&lie=unasked")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(Body.Ranged("cli-other.bin", size), await File.ReadAllBytesAsync(Path.Combine(output, "cli-other.bin"), TestContext.Current.CancellationToken));
        Assert.Equal(["cli-other.bin"], Directory.GetFiles(output).Select(Path.GetFileName));
        var lines = (await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("downloaded", lines[0].GetProperty("status").GetString());
        Assert.StartsWith("the server answered bytes ", lines[0].GetProperty("restart").GetString(), StringComparison.Ordinal);
        Assert.Contains("started again: the server answered bytes ", run.Output, StringComparison.Ordinal);
        Assert.Equal("failed", lines[1].GetProperty("status").GetString());
        Assert.Equal($"the server answered bytes 0-{(size / 2) - 1}/{size} (206) to a request for the whole file", lines[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Fetch_InputDash_ReadsTheListFromStandardInput()
    {
        using var folder = new TempFolder();
        var list = $"{Server.Url("/files/stdin-a.bin?size=10")}\n# a comment\n{Server.Url("/files/stdin-b.bin?size=20")}\tout=named.bin\n";

        var run = await CliRun.InvokeAsync(["fetch", "-q", "-i", "-", "-o", folder.Path], list);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["named.bin", "stdin-a.bin"], folder.Files);
        Assert.Equal(Body.Of("stdin-b.bin", 20), folder.Read("named.bin"));
    }

    [Fact]
    public async Task Fetch_NetrcFile_LogsInAndNeverPrintsThePassword()
    {
        using var folder = new TempFolder();
        var netrc = Path.Combine(folder.Path, "netrc");
        await File.WriteAllTextAsync(netrc, "machine 127.0.0.1\n  login alice\n  password s3cret\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(folder.Path, "out");

        var run = await CliRun.InvokeAsync(["fetch", "--json", "--netrc-file", netrc, "-o", output, Server.Url("/private/cli-netrc.bin?size=64")]);
        var missing = await CliRun.InvokeAsync(["fetch", "--netrc-file", Path.Combine(folder.Path, "none"), "-o", output, Server.Url("/private/cli-netrc.bin?size=64")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Body.Of("cli-netrc.bin", 64), await File.ReadAllBytesAsync(Path.Combine(output, "cli-netrc.bin"), TestContext.Current.CancellationToken));
        Assert.DoesNotContain("s3cret", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith($"atelier: Cannot read the netrc file '{Path.Combine(folder.Path, "none")}'", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_Cookies_CreatesTheJarFromWhatTheServerSet_AndABadFileIsAOneLineError()
    {
        using var folder = new TempFolder();
        var jar = Path.Combine(folder.Path, "cookies.txt");
        var bad = Path.Combine(folder.Path, "bad.txt");
        await File.WriteAllTextAsync(bad, "127.0.0.1\tFALSE\t/\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(folder.Path, "out");

        var run = await CliRun.InvokeAsync(["fetch", "-q", "--cookies", jar, "-o", output, Server.Url("/cookies/set/cli?value=v7")]);
        var refused = await CliRun.InvokeAsync(["fetch", "--cookies", bad, "-o", output, Server.Url("/cookies/echo/cli-bad")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(File.ReadAllLines(jar), l => l.StartsWith("#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t", StringComparison.Ordinal) && l.EndsWith("\tcli\tv7", StringComparison.Ordinal));
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"atelier: '{bad}' line 1 is not a cookie (domain, subdomains, path, secure, expiry, name, value, separated by TABs)", Assert.Single(refused.ErrorLines));
        Assert.False(File.Exists(Path.Combine(output, "cli-bad")));
    }

    [Fact]
    public async Task Fetch_Json_IsOneObjectPerUrlInInputOrder()
    {
        using var folder = new TempFolder();
        var urls = Enumerable.Range(0, 5).Select(i => Server.Url($"/slow/json-{i}.bin?size={4096 - (i * 1000)}&pauseMs=2")).ToArray();
        var run = await CliRun.InvokeAsync(["fetch", "--json", "-q", "-j", "3", "-o", folder.Path, .. urls]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(urls, lines.Select(l => l.GetProperty("url").GetString()));
        Assert.Equal([0L, 1, 2, 3, 4], lines.Select(l => l.GetProperty("index").GetInt64()));
        Assert.All(lines, l => Assert.Equal("downloaded", l.GetProperty("status").GetString()));
        Assert.Equal(Path.Combine(folder.Path, "json-0.bin"), lines[0].GetProperty("path").GetString());
        Assert.Equal(4096, lines[0].GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task Fetch_Report_HasEveryLineAndNoSecrets()
    {
        using var folder = new TempFolder();
        var report = Path.Combine(folder.Path, "report.jsonl");
        var secret = Server.Url("/private/cli-secret.bin?size=50").Replace("http://", "http://alice:s3cret@", StringComparison.Ordinal);
        var run = await CliRun.InvokeAsync(["fetch", "-o", Path.Combine(folder.Path, "out"), "--report", report, "--sha256", secret, Server.Url("/status/500?key=cli500"), "--retries", "0"]);

        Assert.Equal(2, run.ExitCode);
        var lines = (await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("downloaded", lines[0].GetProperty("status").GetString());
        Assert.Equal(64, lines[0].GetProperty("sha256").GetString()!.Length);
        Assert.Equal(("failed", "HTTP 500 Internal Server Error"), (lines[1].GetProperty("status").GetString(), lines[1].GetProperty("error").GetString()));
        foreach (var text in new[] { await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), run.Output, run.Error })
        {
            Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fetch_InputFile_ReadsNamesAndChecksumsAndSkipsComments()
    {
        using var folder = new TempFolder();
        var list = Path.Combine(folder.Path, "list.txt");
        var checksum = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Body.Of("listed.bin", 300)));
        await File.WriteAllLinesAsync(list, ["# today's files", "", $"{Server.Url("/files/listed.bin?size=300")} sha256={checksum} out=renamed.bin"], TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["fetch", "-q", "-i", list, "-o", Path.Combine(folder.Path, "out")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["list.txt", Path.Combine("out", "renamed.bin")], folder.Files);
    }

    [Fact]
    public async Task Fetch_Check_SavesNothing_AndSaysTheSizesNotATransfer()
    {
        // It ended "1 checked, 1 failed in 0.05 s; 256.0 MiB at 4.88 GiB/s", and a refused connection took 5.4 s.
        using var folder = new TempFolder();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = Path.Combine(folder.Path, "..", $"{Path.GetFileName(folder.Path)}.jsonl");
        var run = await CliRun.InvokeAsync(["fetch", "--check", "--report", report, "-o", folder.Path, Server.Url("/files/probe.bin?size=1000"), "http://127.0.0.1:1/refused.bin"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("│ checked ", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"^1 checked, 1 failed in \d+\.\d\d s; 1000 B in all, as the servers said; no body transferred\.$", run.OutputLines[^1]);
        var lines = (await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        File.Delete(report);
        Assert.Equal([1, 1], lines.Select(l => l.GetProperty("attempts").GetInt32()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"{clock.Elapsed}: probing retried like a download");
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task Fetch_NotATerminal_SaysWhenItRetries()
    {
        using var folder = new TempFolder();
        var run = await CliRun.InvokeAsync(["fetch", "-o", folder.Path, Server.Url("/unavailable/cli-retry.bin?size=10&failures=1")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"fetch: {Server.Url("/unavailable/cli-retry.bin?size=10&failures=1")}: HTTP 503 Service Unavailable; retrying in 1 s", run.ErrorLines);
    }

    [Fact]
    public async Task Fetch_Interrupted_Exits130LeavingOnlyPartFiles()
    {
        using var folder = new TempFolder();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(700));
        var urls = Enumerable.Range(0, 3).Select(i => Server.Url($"/slow/cli-cancel-{i}.bin?size=100000&pauseMs=20")).ToArray();

        var run = await CliRun.InvokeAsync(["fetch", "-q", "-o", folder.Path, .. urls], cancel.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.StartsWith("Interrupted: 0 failed, 3 interrupted in ", run.OutputLines[^1], StringComparison.Ordinal);
        Assert.NotEmpty(folder.Files);
    }

    [Fact]
    public async Task Fetch_InterruptedWithURLsWaiting_SaysHowManyWereNotStarted()
    {
        using var folder = new TempFolder();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(700));
        var urls = Enumerable.Range(0, 5).Select(i => Server.Url($"/slow/cli-waiting-{i}.bin?size=100000&pauseMs=20")).ToArray();

        var run = await CliRun.InvokeAsync(["fetch", "-q", "-j", "1", "-o", folder.Path, .. urls], cancel.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.StartsWith("Interrupted: 0 failed, 1 interrupted, 4 not started in ", run.OutputLines[^1], StringComparison.Ordinal);
        Assert.All(folder.Files, f => Assert.EndsWith(".part", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_LongList_TableListsOnlyWhatDidNotSucceed()
    {
        using var folder = new TempFolder();
        var urls = Enumerable.Range(0, 103).Select(i => Server.Url($"/files/many-{i}.bin?size=10")).Append(Server.Url("/status/410?key=gone")).ToArray();

        var run = await CliRun.InvokeAsync(["fetch", "-j", "16", "-o", folder.Path, .. urls]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("HTTP 410 Gone", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("many-5.bin", run.Output, StringComparison.Ordinal);
        Assert.Contains("The table lists the URL that did not succeed; --json or --report FILE.jsonl lists every URL.", run.OutputLines);
        Assert.StartsWith("103 downloaded, 1 failed", run.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_Header_IsSent()
    {
        using var folder = new TempFolder();
        var run = await CliRun.InvokeAsync(["fetch", "-q", "-H", "X-Test:  from the command line", "-o", folder.Path, Server.Url("/header/cli-header")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("from the command line", await File.ReadAllTextAsync(Path.Combine(folder.Path, "cli-header"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Fetch_UnknownOption_IsAUsageErrorAndNothingIsFetched()
    {
        using var folder = new TempFolder();
        var run = await CliRun.InvokeAsync(["fetch", "-o", folder.Path, "--segments", "8", Server.Url("/files/never.bin?size=10")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["atelier: unknown option '--segments' for 'fetch'. A value that starts with - goes after --. See 'atelier fetch --help'."], run.ErrorLines);
        Assert.Empty(folder.Files);
        Assert.Empty(Server.RangesAsked("never.bin"));
    }

    [Theory]
    [InlineData("fetch", "atelier: Give the URLs to fetch, or a list of them with -i FILE (-i - reads stdin).")]
    [InlineData("fetch -i /nonexistent/list.txt", "atelier: Cannot read the list '/nonexistent/list.txt': Could not find a part of the path '/nonexistent/list.txt'.")]
    [InlineData("fetch --on-exists sometimes http://x", "atelier: --on-exists 'sometimes' is not one of rename, skip, overwrite, fail. See 'atelier fetch --help'.")]
    [InlineData("fetch -H NoColon http://x", "atelier: --header 'NoColon' is not 'Name: value'.")]
    [InlineData("fetch --stall-timeout soon http://x", "atelier: --stall-timeout 'soon' is not a duration (for example 500ms, 10s, 2m). See 'atelier fetch --help'.")]
    [InlineData("fetch --newer --on-exists skip http://x", "atelier: --newer replaces a file that changed and leaves one that did not: it does not go with --on-exists.")]
    [InlineData("fetch --limit-rate fast http://x", "atelier: --limit-rate 'fast' is not a rate (500k, 20M, 0). See 'atelier fetch --help'.")]
    [InlineData("fetch --limit-rate-per-download -5 http://x", "atelier: --limit-rate-per-download '-5' is not a rate (500k, 20M, 0). See 'atelier fetch --help'.")]
    [InlineData("fetch --min-split-size 0 http://x", "atelier: --min-split-size '0' is not a size (1M, 20M). See 'atelier fetch --help'.")]
    public async Task Fetch_UsageErrors_AreOneLineAndExitOne(string args, string message)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(message, run.Error.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("1000", 1000L)]
    [InlineData("500k", 512_000L)]
    [InlineData("1.5M", 1_572_864L)]
    [InlineData("20MB/s", 20_971_520L)]
    [InlineData("2g", 2_147_483_648L)]
    public void TryParseRate_ReadsRatesAsCurlAndWgetDo(string text, long expected)
    {
        Assert.True(Atelier.Cli.Commands.Fetch.FetchCommandLine.TryParseRate(text, out var rate));
        Assert.Equal(expected, rate);
    }

    [Theory]
    [InlineData("/proc", "atelier: Cannot write in the output folder '/proc': ")]
    [InlineData("/proc/atelier-out", "atelier: Cannot create the output folder '/proc/atelier-out': ")]
    public async Task Fetch_OutputFolderThatCannotTakeFiles_StopsBeforeTheFirstRequest(string output, string message)
    {
        var run = await CliRun.InvokeAsync(["fetch", "-o", output, Server.Url("/files/never-asked.bin?size=10")]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Fetch_TakesWhatCurlTakes_NoScheme_RateZero_NetrcThatIsNotThere()
    {
        using var folder = new TempFolder();
        var url = Server.Url("/files/curl-like.bin?size=1000");
        var before = Environment.GetEnvironmentVariable("NETRC");
        Environment.SetEnvironmentVariable("NETRC", Path.Combine(folder.Path, "no-netrc"));
        try
        {
            var run = await CliRun.InvokeAsync(["fetch", "-q", "--netrc", "--limit-rate", "0", "-o", folder.Path, url["http://".Length..]]);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal(Body.Of("curl-like.bin", 1000), await File.ReadAllBytesAsync(Path.Combine(folder.Path, "curl-like.bin"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NETRC", before);
        }
    }

    [Fact]
    public async Task Fetch_LimitRate_StillFetchesEveryFileWhole()
    {
        using var folder = new TempFolder();
        var run = await CliRun.InvokeAsync(["fetch", "-q", "--limit-rate", "1M", "--limit-rate-per-download", "600k", "-o", folder.Path, Server.Url("/files/lr-a.bin?size=300000"), Server.Url("/files/lr-b.bin?size=300000")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Body.Of("lr-a.bin", 300000), await File.ReadAllBytesAsync(Path.Combine(folder.Path, "lr-a.bin"), TestContext.Current.CancellationToken));
        Assert.Equal(Body.Of("lr-b.bin", 300000), await File.ReadAllBytesAsync(Path.Combine(folder.Path, "lr-b.bin"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Fetch_Table_SaysWhereEachFileWent_AndPipedIsAsWideAsItsCells()
    {
        using var folder = new TempFolder();
        var list = Path.Combine(folder.Path, "list.txt");
        await File.WriteAllTextAsync(list, $"{Server.Url("/files/table.bin?size=10")}\nnot a\turl\n", TestContext.Current.CancellationToken);
        var output = Path.Combine(folder.Path, "out");
        await CliRun.InvokeAsync(["fetch", "-q", "-o", output, Server.Url("/files/table.bin?size=10")]);

        var run = await CliRun.InvokeAsync(["fetch", "-i", list, "-o", output]);

        // The name was taken: wget says "Saving to: 'table.bin.1'"; the table names the file, not only the URL.
        var firstColumn = string.Concat(run.OutputLines.Where(l => l.StartsWith('│')).Select(l => l.Split('│')[1].Trim()));
        Assert.Contains($"{Path.Combine(output, "table.1.bin")}not a\\turl", firstColumn, StringComparison.Ordinal);
        Assert.Contains("│ downloaded ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\t', run.Output);

        // Not a terminal: no wider than its cells (it was padded to 160 columns), and never wider than 160.
        var table = run.OutputLines.Where(l => l.Length > 0 && l[0] is '╭' or '│' or '├' or '╰').ToList();
        Assert.Single(table.Select(l => l.Length).Distinct());
        Assert.InRange(table[0].Length, 60, 160);
        var again = await CliRun.InvokeAsync(["fetch", "-o", output, Server.Url("/files/t.bin?size=10")]);
        Assert.Matches(@"│ downloaded │ 10 B │ \d\.\d\d s │      │$", again.OutputLines.First(l => l.Contains("t.bin", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Fetch_NewerTwice_SaysUpToDate()
    {
        using var folder = new TempFolder();
        string[] args = ["fetch", "--newer", "-o", folder.Path, Server.Url("/versioned/cli-newer.bin?size=1000")];
        var first = await CliRun.InvokeAsync(args);

        var second = await CliRun.InvokeAsync(args);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains(first.OutputLines, l => l.Contains("cli-newer.bin ", StringComparison.Ordinal) && l.Contains("│ downloaded ", StringComparison.Ordinal));
        Assert.Contains("up to date (304)", second.Output, StringComparison.Ordinal);
        Assert.Contains("1 up to date", second.Output, StringComparison.Ordinal);
    }
}
