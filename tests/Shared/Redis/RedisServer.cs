using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Atelier.Tests.Support;

/// <summary>A real redis-server of the test's own, on a free loopback port, without persistence; stopped on dispose.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string? directory;
    private Process process;

    private RedisServer(Process process, int port, string? directory)
    {
        this.process = process;
        Port = port;
        this.directory = directory;
    }

    public int Port { get; }

    /// <summary>A queue address on this server; a fresh name unless one is given.</summary>
    public string Queue(string? name = null) => $"redis://127.0.0.1:{Port}/{name ?? Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Starts a server; a persistent one writes every change to an append-only file before answering.</summary>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var directory = persistent ? Directory.CreateTempSubdirectory("atelier-redis-").FullName : null;
        var server = new RedisServer(Launch(port, directory), port, directory);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Kills the server (SIGKILL: no goodbye) and starts it again on the same port and files after <paramref name="downtime"/>.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        Stop();
        await Task.Delay(downtime);
        process = Launch(Port, directory);
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

    private static Process Launch(int port, string? directory)
    {
        string[] persistence = directory is null ? ["--appendonly", "no"] : ["--appendonly", "yes", "--appendfsync", "always", "--dir", directory];
        var process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", .. persistence])
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
