using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Atelier.Tests.Http;

/// <summary>
/// A SOCKS5 proxy of the test's own on 127.0.0.1 (RFC 1928: no authentication, CONNECT only): it remembers every
/// address it was asked to reach, as it was given (a name with socks5h://, an address with socks5://).
/// </summary>
public sealed class Socks5Server : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public Socks5Server()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>What clients asked to connect to: HOST:PORT.</summary>
    public ConcurrentQueue<string> Requested { get; } = new();

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var greeting = await ReadAsync(stream, 2);
                await ReadAsync(stream, greeting[1]);
                await stream.WriteAsync(new byte[] { 5, 0 });
                var request = await ReadAsync(stream, 4);
                string host = request[3] switch
                {
                    1 => new IPAddress(await ReadAsync(stream, 4)).ToString(),
                    3 => Encoding.ASCII.GetString(await ReadAsync(stream, (await ReadAsync(stream, 1))[0])),
                    _ => new IPAddress(await ReadAsync(stream, 16)).ToString(),
                };
                var portBytes = await ReadAsync(stream, 2);
                var port = portBytes[0] << 8 | portBytes[1];
                Requested.Enqueue($"{host}:{port}");
                using var target = new TcpClient();
                await target.ConnectAsync(host, port);
                await stream.WriteAsync(new byte[] { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 });
                var upstream = target.GetStream();
                await Task.WhenAny(stream.CopyToAsync(upstream, stop.Token), upstream.CopyToAsync(stream, stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<byte[]> ReadAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}
