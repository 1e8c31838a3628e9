using System.Net;
using System.Reflection;

namespace Atelier.Fetch.Transfer;

/// <summary>The one HttpClient a downloader shares among all its transfers.</summary>
internal static class HttpClients
{
    private static readonly string UserAgent =
        $"atelier/{typeof(HttpClients).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"}";

    public static HttpClient Create(FetchOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,

            // Save bodies as served, as curl and wget do; a .gz stays a .gz.
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = true,
            EnableMultipleHttp2Connections = true,
        };
        if (options.Proxy is { } proxy)
        {
            // http(s)://, socks4(a):// and socks5://: SocketsHttpHandler speaks them all, and with socks5 always hands the
            // proxy the host name (curl's socks5h); socks5h:// is that, under curl's name.
            handler.Proxy = new WebProxy(proxy.Scheme == "socks5h" ? new UriBuilder(proxy) { Scheme = "socks5" }.Uri : proxy);
        }

        if (options.Cookies is { } jar)
        {
            handler.CookieContainer = jar.Cookies;
        }

        if (options.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        var client = new HttpClient(handler)
        {
            // Timeouts are ours: connect, per attempt, and stall.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        foreach (var (name, value) in options.Headers)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        return client;
    }
}
