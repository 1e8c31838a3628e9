using System.Text.Json;
using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.Commands;

/// <summary>atelier fetch -r: the wget options mapped onto a crawl, its summary and report.</summary>
public sealed class FetchCrawlCommandTests
{
    [Fact]
    public async Task Recursive_MirrorsTheSite_SaysWhatItDid_AndTheReportHasDepthAndReferrer()
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string>
        {
            ["/docs/"] = "<a href=\"a.html\">a</a><a href=\"/top.html\">up</a><img src=\"/img/p.png\">",
            ["/docs/a.html"] = "<a href=\"b.html\">b</a>",
            ["/docs/b.html"] = "b",
            ["/top.html"] = "top",
            ["/img/p.png"] = "png",
            ["/robots.txt"] = "User-agent: *\nDisallow: /docs/b.html\n",
        });
        using var folder = new TempFolder();
        var report = Path.Combine(folder.Path, "crawl.jsonl");

        var run = await CliRun.InvokeAsync(["fetch", "-r", "-np", "-p", "-l", "inf", "-q", "--report", report, "-o", Path.Combine(folder.Path, "mirror"), site.Url("/docs/")]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Matches(@"^3 downloaded, 0 failed in \d+\.\d\d s; 2 pages, 1 requisites, 0 left out by rules, 1 disallowed by robots\.txt; ", run.OutputLines[^1]);
        Assert.Equal(0, site.Hits("/top.html"));
        var lines = (await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var a = lines.Single(l => l.GetProperty("url").GetString()!.EndsWith("/docs/a.html", StringComparison.Ordinal));
        Assert.Equal((1, site.Url("/docs/")), (a.GetProperty("depth").GetInt32(), a.GetProperty("referrer").GetString()));
        Assert.EndsWith($"mirror/{site.Host}/docs/a.html", a.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fetch -r", "atelier: -r crawls from the URLs given as arguments: give at least one, without -i, --check or --split.")]
    [InlineData("fetch -np http://127.0.0.1:1/", "atelier: --no-parent goes with -r (--recursive).")]
    [InlineData("fetch -r -l two http://127.0.0.1:1/", "atelier: --level 'two' is not a number of links, or inf. See 'atelier fetch --help'.")]
    [InlineData("fetch -r --proxy ftp://p:1 http://127.0.0.1:1/", "atelier: --proxy 'ftp://p:1' is not a proxy URL (http://HOST:PORT, socks5://HOST:PORT, socks5h://HOST:PORT).")]
    [InlineData("fetch -r --accept-regex ( http://127.0.0.1:1/", "atelier: --accept-regex '(' is not a regular expression: Invalid pattern '(' at offset 1. Not enough )'s.")]
    public async Task Recursive_UsageErrors_AreOneLineAndExitOne(string args, string message)
    {
        using var folder = new TempFolder();
        var run = await CliRun.InvokeAsync([.. args.Split(' '), "-o", folder.Path]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(message, run.Error.TrimEnd('\n'));
    }
}
