using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Processes;

namespace Atelier.Monitoring.Dashboard;

/// <summary>
/// The monitor on the web: a live page (<c>/</c>, updated by server-sent events from <c>/api/stream</c>), the window as
/// JSON (<c>/api/samples</c>), the silence windows (<c>/api/silences</c>), and the latest values in the Prometheus text format (<c>/metrics</c>). With peers, the
/// page shows every host (<c>/api/peers</c>); <c>/metrics</c> stays this host's, as Prometheus scrapes each host.
/// </summary>
/// <remarks>Listens where it is told; the command's default is loopback only.</remarks>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SystemMonitor monitor;
    private readonly MetricsExporter exporter;
    private readonly List<Channel<string>> subscribers = [];
    private readonly Lock gate = new();
    private readonly double[] row;
    private readonly DashboardOptions options;
    private readonly byte[]? tokenHash;

    private DashboardServer(WebApplication app, SystemMonitor monitor, DashboardOptions options)
    {
        this.app = app;
        this.monitor = monitor;
        this.options = options;
        tokenHash = options.Token is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        exporter = new MetricsExporter(monitor.Metrics);
        row = new double[monitor.Metrics.Count];
    }

    /// <summary>The address it listens on, with the port it got (useful with port 0).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts listening.</summary>
    /// <exception cref="AtelierException">The address cannot be listened on (in use, not this machine's).</exception>
    public static Task<DashboardServer> StartAsync(SystemMonitor monitor, IPEndPoint endpoint, CancellationToken cancellationToken = default) =>
        StartAsync(monitor, endpoint, new DashboardOptions(), cancellationToken);

    /// <summary>Starts listening, with other hosts' monitors on the page.</summary>
    /// <param name="monitor">This host's monitor.</param>
    /// <param name="endpoint">Where to listen.</param>
    /// <param name="peers">The other hosts, read by their own <see cref="Peers.RunAsync"/>; null for none.</param>
    /// <param name="cancellationToken">Stops the start-up.</param>
    /// <exception cref="AtelierException">The address cannot be listened on (in use, not this machine's).</exception>
    public static Task<DashboardServer> StartAsync(SystemMonitor monitor, IPEndPoint endpoint, Peers? peers, CancellationToken cancellationToken = default) =>
        StartAsync(monitor, endpoint, new DashboardOptions { Peers = peers }, cancellationToken);

    /// <summary>Starts listening, as <paramref name="options"/> say: a token, HTTPS, command lines or not, peers.</summary>
    /// <param name="monitor">This host's monitor.</param>
    /// <param name="endpoint">Where to listen.</param>
    /// <param name="options">Who may read it and how.</param>
    /// <param name="cancellationToken">Stops the start-up.</param>
    /// <exception cref="AtelierException">The address cannot be listened on, or the certificate cannot be read.</exception>
    public static async Task<DashboardServer> StartAsync(SystemMonitor monitor, IPEndPoint endpoint, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        var certificate = Certificate(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endpoint, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        var server = new DashboardServer(builder.Build(), monitor, options);
        server.Map();
        try
        {
            await server.app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await server.app.DisposeAsync().ConfigureAwait(false);
            throw new AtelierException($"Cannot serve the dashboard on {endpoint}: {e.Message}", e);
        }

        server.Address = new Uri(server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    private static X509Certificate2? Certificate(DashboardOptions options)
    {
        if (options.CertificateFile is null && options.KeyFile is null)
        {
            return null;
        }

        if (options.CertificateFile is null || options.KeyFile is null)
        {
            throw new AtelierException("HTTPS needs a certificate and its key: give both.");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(options.CertificateFile, options.KeyFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new AtelierException($"Cannot read the certificate '{options.CertificateFile}' with the key '{options.KeyFile}': {e.Message}", e);
        }
    }

    /// <summary>Passes the latest sample and the tick's alert changes to the page and the metrics: call it once per tick.</summary>
    public void Publish(MonitorTick tick)
    {
        if (!monitor.Window.TryLatest(row, out var time))
        {
            return;
        }

        exporter.Update(row, tick.Alerts);
        exporter.Update(tick.Cgroups);
        lock (gate)
        {
            if (subscribers.Count == 0)
            {
                return;
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            SampleJson.WriteSample(json, row, time, Shown(monitor.ActiveAlerts), Shown(tick.Processes), tick.Cgroups, monitor.CgroupLayout);
        }

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(text);
            }
        }
    }

    /// <summary>Stops listening; open event streams end.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            subscribers.ForEach(s => s.Writer.TryComplete());
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map()
    {
        // Everything but the page itself (which holds no data when a token is asked) needs the token.
        if (tokenHash is not null)
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path == "/" || Authorized(context.Request.Headers.Authorization.ToString()))
                {
                    await next(context).ConfigureAwait(false);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"atelier monitor\"";
            });
        }

        // HEAD as well as GET: link checkers and load balancers ask with HEAD.
        app.MapMethods("/", ["GET", "HEAD"], () => Results.Text(Page(), "text/html; charset=utf-8"));
        app.MapGet("/api/samples", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            // Written into the response's pipe: the serializer's flushes only hand buffers over, never block on the socket.
            using (var json = new Utf8JsonWriter(context.Response.BodyWriter, ReadableJson.WriterOptions))
            {
                SampleJson.WriteWindow(json, monitor.Window, Shown(monitor.ActiveAlerts), monitor.Rules, monitor.Interval, Shown(monitor.LatestProcesses), monitor.LatestCgroups, monitor.CgroupLayout);
            }

            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        });
        app.MapGet("/api/peers", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            using (var json = new Utf8JsonWriter(context.Response.BodyWriter, ReadableJson.WriterOptions))
            {
                WritePeers(json);
            }

            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        });
        app.MapGet("/api/silences", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            using (var json = new Utf8JsonWriter(context.Response.BodyWriter, ReadableJson.WriterOptions))
            {
                SampleJson.WriteSilences(json, monitor.Silences, TimeOnly.FromDateTime(monitor.LocalNow.DateTime));
            }

            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        });
        app.MapGet("/api/stream", (CancellationToken cancellationToken) => TypedResults.ServerSentEvents(Stream(cancellationToken), eventType: "sample"));
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await exporter.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
    }

    private async IAsyncEnumerable<string> Stream([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A slow page drops old samples rather than holding memory for them.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (gate)
        {
            subscribers.Add(channel);
        }

        try
        {
            await foreach (var sample in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return sample;
            }
        }
        finally
        {
            lock (gate)
            {
                subscribers.Remove(channel);
            }
        }
    }

    /// <summary>Whether an Authorization header carries the token: compared as digests, in constant time.</summary>
    private bool Authorized(string header)
    {
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())), tokenHash);
    }

    private TopProcesses Shown(TopProcesses processes) => options.ShowCommands ? processes : processes.WithoutCommands();

    private IReadOnlyList<AlertEvent> Shown(IReadOnlyList<AlertEvent> alerts) =>
        options.ShowCommands ? alerts : [.. alerts.Select(a => a.Processes is null ? a : a with { Processes = [.. a.Processes.Select(TopProcesses.WithoutCommand)] })];

    private void WritePeers(Utf8JsonWriter json)
    {
        var peers = options.Peers;
        if (peers is null)
        {
            json.WriteStartArray();
            json.WriteEndArray();
        }
        else
        {
            peers.WriteTo(json);
        }
    }

    private static string Embedded(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            write(json);
        }

        // "</" cannot end the script element early: the JSON has no "<" that the relaxed encoder left as it is but this one.
        return Encoding.UTF8.GetString(buffer.WrittenSpan).Replace("</", "<\\/", StringComparison.Ordinal);
    }

    /// <summary>The page, with the window it starts from (and the peers') written into it: it draws at once, before the first event.</summary>
    private string Page()
    {
        // With a token, the page holds no data: it asks for the token, then reads the API with it.
        if (tokenHash is not null)
        {
            return Pages.Read(Pages.Dashboard)
                .Replace("/*TOKEN*/false", "true", StringComparison.Ordinal)
                .Replace("/*SNAPSHOT*/null", "null", StringComparison.Ordinal)
                .Replace("/*PEERS*/null", "null", StringComparison.Ordinal);
        }

        var snapshot = Embedded(json => SampleJson.WriteWindow(json, monitor.Window, Shown(monitor.ActiveAlerts), monitor.Rules, monitor.Interval, Shown(monitor.LatestProcesses), monitor.LatestCgroups, monitor.CgroupLayout));
        return Pages.Read(Pages.Dashboard)
            .Replace("/*SNAPSHOT*/null", snapshot, StringComparison.Ordinal)
            .Replace("/*PEERS*/null", Embedded(WritePeers), StringComparison.Ordinal);
    }
}
