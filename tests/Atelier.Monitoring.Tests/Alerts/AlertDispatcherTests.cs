using System.Collections.Concurrent;
using System.Text.Json;
using Atelier.Monitoring.Alerts;
using Atelier.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atelier.Monitoring.Tests.Alerts;

public sealed class AlertDispatcherTests
{
    private static readonly AlertEvent Fired = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), "cpu>80:crit", "cpu", 93.5, AlertLevel.Crit, true);

    [Fact]
    public async Task Log_AppendsOneJsonLinePerEvent()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "alerts.jsonl");
        await using (var dispatcher = new AlertDispatcher(new AlertSinks { LogPath = log }))
        {
            dispatcher.Publish(Fired);
            dispatcher.Publish(Fired with { Firing = false, Value = 70 });
        }

        var lines = (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([true, false], lines.Select(l => l.GetProperty("firing").GetBoolean()));
        Assert.Equal(93.5, lines[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Command_GetsTheEventInItsEnvironmentNeverInItsCommandLine()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "env.txt");
        var hostile = Fired with { Rule = "cpu>80; rm -rf /tmp/x", Metric = "$(touch pwned)" };
        await using (var dispatcher = new AlertDispatcher(new AlertSinks { Command = $"printf '%s|%s|%s|%s' \"$ATELIER_ALERT_STATE\" \"$ATELIER_ALERT_RULE\" \"$ATELIER_ALERT_METRIC\" \"$ATELIER_ALERT_VALUE\" > {output}" }))
        {
            dispatcher.Publish(hostile);
        }

        Assert.Equal("firing|cpu>80; rm -rf /tmp/x|$(touch pwned)|93.5", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(folder.Path, "pwned")));
    }

    [Fact]
    public async Task Silenced_GoesToTheLog_ButRunsNoCommand()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "alerts.jsonl");
        var ran = Path.Combine(folder.Path, "ran.txt");
        await using (var dispatcher = new AlertDispatcher(new AlertSinks { LogPath = log, Command = $"echo \"$ATELIER_ALERT_RULE\" >> {ran}" }))
        {
            dispatcher.Publish(Fired with { Silenced = true });
            dispatcher.Publish(Fired with { Rule = "mem>90" });
        }

        var lines = (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([true, false], lines.Select(l => l.GetProperty("silenced").GetBoolean()));
        Assert.Equal(["mem>90"], await File.ReadAllLinesAsync(ran, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Command_ThatFails_IsReportedNotThrown()
    {
        var problems = new ConcurrentQueue<string>();
        await using (var dispatcher = new AlertDispatcher(new AlertSinks { Command = "exit 4" }, new Collect(problems)))
        {
            dispatcher.Publish(Fired);
        }

        Assert.Equal(["the alert command failed: 'exit 4' exited with code 4"], problems);
    }

    [Fact]
    public async Task Webhook_IsRetriedUntilTheServerTakesIt()
    {
        var received = new ConcurrentQueue<string>();
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                return Results.StatusCode(503);
            }

            received.Enqueue(await new StreamReader(context.Request.Body).ReadToEndAsync());
            return Results.Ok();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hook");

        await using (var dispatcher = new AlertDispatcher(new AlertSinks { Webhook = url }))
        {
            dispatcher.Publish(Fired);
        }

        Assert.Equal(2, calls);
        Assert.Contains("\"rule\":\"cpu>80:crit\"", Assert.Single(received), StringComparison.Ordinal);
        var body = JsonDocument.Parse(Assert.Single(received)).RootElement;
        Assert.Equal(("cpu>80:crit", "crit"), (body.GetProperty("rule").GetString(), body.GetProperty("level").GetString()));
    }

    private sealed class Collect(ConcurrentQueue<string> into) : IProgress<string>
    {
        public void Report(string value) => into.Enqueue(value);
    }
}
