using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Atelier.Tests.Support;

/// <summary>A real redis-server of the test's own, on a free loopback port, without persistence; stopped on dispose.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string? directory;
    private readonly string[] settings;
    private Process process;

    private RedisServer(int port, string? directory, string[] settings, bool tls)
    {
        Port = port;
        this.directory = directory;
        this.settings = settings;
        Tls = tls;
        process = Launch();
    }

    public int Port { get; }

    /// <summary>Whether the server speaks only TLS.</summary>
    public bool Tls { get; }

    /// <summary>A queue address on this server (rediss:// when it speaks TLS); a fresh name unless one is given.</summary>
    public string Queue(string? name = null, string? credentials = null) =>
        $"{(Tls ? "rediss" : "redis")}://{(credentials is null ? "" : credentials + "@")}127.0.0.1:{Port}/{name ?? Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A queue address on this server, read as the library reads it.</summary>
    public Atelier.Jobs.Queues.QueueAddress QueueAddress(string? name = null, string? credentials = null) =>
        Atelier.Jobs.Queues.QueueAddress.TryParse(Queue(name, credentials), out var address, out var error) ? address : throw new InvalidOperationException(error);

    /// <summary>Starts a server; a persistent one writes every change to an append-only file before answering.</summary>
    /// <param name="persistent">Write every change to an append-only file before answering.</param>
    /// <param name="settings">More of redis-server's settings, as arguments: <c>--requirepass s3cret</c>, <c>--user ...</c>.</param>
    public static Task<RedisServer> StartAsync(bool persistent = false, params string[] settings) => StartAsync(persistent, tls: null, settings);

    /// <summary>Starts a server that speaks only TLS, with <paramref name="certificates"/>' server certificate; asks clients for theirs when told.</summary>
    public static Task<RedisServer> StartTlsAsync(TestCertificates certificates, bool clientCertificates = false) => StartAsync(persistent: false, certificates, [
        "--tls-cert-file", certificates.ServerCertificateFile, "--tls-key-file", certificates.ServerKeyFile,
        "--tls-ca-cert-file", certificates.AuthorityFile, "--tls-auth-clients", clientCertificates ? "yes" : "no"]);

    private static async Task<RedisServer> StartAsync(bool persistent, TestCertificates? tls, string[] settings)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var directory = persistent ? Directory.CreateTempSubdirectory("atelier-redis-").FullName : null;
        var server = new RedisServer(port, directory, settings, tls is not null);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Kills the server (SIGKILL: no goodbye) and starts it again on the same port and files after <paramref name="downtime"/>.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        Stop();
        await Task.Delay(downtime);
        process = Launch();
        await WaitUntilReadyAsync();
    }

    public void Dispose()
    {
        Stop();
        if (directory is not null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private Process Launch()
    {
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] ports = Tls ? ["--port", "0", "--tls-port", port] : ["--port", port];
        string[] persistence = directory is null ? ["--appendonly", "no"] : ["--appendonly", "yes", "--appendfsync", "always", "--dir", directory];
        var process = Process.Start(new ProcessStartInfo("redis-server", [.. ports, "--bind", "127.0.0.1", "--save", "", .. persistence, .. settings])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    private void Stop()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }
}
