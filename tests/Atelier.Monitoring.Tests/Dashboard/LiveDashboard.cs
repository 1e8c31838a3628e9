using System.Net;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Dashboard;

namespace Atelier.Monitoring.Tests.Dashboard;

/// <summary>A monitor sampling this machine (and its top 3 processes) every 50 ms, publishing each tick to a dashboard on a free loopback port.</summary>
internal sealed class LiveDashboard : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int ticks;

    private LiveDashboard(SystemMonitor monitor, DashboardServer server)
    {
        Monitor = monitor;
        Server = server;
        loop = Task.Run(async () =>
        {
            await foreach (var tick in monitor.RunAsync(cancellationToken: stop.Token))
            {
                server.Publish(tick);
                Interlocked.Increment(ref ticks);
            }
        });
    }

    public SystemMonitor Monitor { get; }

    public DashboardServer Server { get; }

    public int Ticks => Volatile.Read(ref ticks);

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static Task<LiveDashboard> StartAsync(params string[] rules) => StartAsync(port: 0, peers: null, rules);

    /// <summary>A monitor serving on <paramref name="port"/> (0: any free one), showing <paramref name="peers"/> on its page.</summary>
    public static Task<LiveDashboard> StartAsync(int port, Peers? peers, params string[] rules) => StartAsync(port, new DashboardOptions { Peers = peers }, rules);

    /// <summary>A monitor serving on <paramref name="port"/> (0: any free one) as <paramref name="options"/> say.</summary>
    public static Task<LiveDashboard> StartAsync(int port, DashboardOptions options, params string[] rules) => StartAsync(port, options, [], rules);

    /// <summary>A monitor serving as <paramref name="options"/> say, its rules quiet in the <paramref name="silences"/> (RULE@HH:MM-HH:MM).</summary>
    public static async Task<LiveDashboard> StartAsync(int port, DashboardOptions options, string[] silences, params string[] rules)
    {
        var alerts = new AlertOptions
        {
            Rules = [.. rules.Select(AlertRule.Parse)],
            Silences = [.. silences.Select(AlertSilence.Parse)],
            CheckEvery = TimeSpan.FromMilliseconds(50),
            For = TimeSpan.Zero,
        };
        var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromMilliseconds(50), Window = 8, TopProcesses = 3 }, alerts);
        var server = await DashboardServer.StartAsync(monitor, new IPEndPoint(IPAddress.Loopback, port), options, TestContext.Current.CancellationToken);
        return new LiveDashboard(monitor, server);
    }

    public Task<string> GetAsync(string path) => Client.GetStringAsync(new Uri(Server.Address, path), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        await Server.DisposeAsync();
        Monitor.Dispose();
        Client.Dispose();
        stop.Dispose();
    }
}
