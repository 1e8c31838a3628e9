using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atelier.Tests.Http;

/// <summary>
/// A web site of the test's own on 127.0.0.1: the pages it is given (path to body; the media type from the extension),
/// how often each path was asked for, and pages made on the fly: an endless calendar (<c>/calendar/N</c> links to N+1),
/// a redirect loop (<c>/loop</c>), a redirect to another host (<c>/away</c>), a huge page (<c>/huge?mb=N</c>, a link
/// every 100 kB, written as it goes).
/// </summary>
public sealed class SiteServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);

    private SiteServer(WebApplication app, IReadOnlyDictionary<string, string> pages)
    {
        this.app = app;
        Pages = new ConcurrentDictionary<string, string>(pages, StringComparer.Ordinal);
    }

    /// <summary>The site's pages: change them between crawls.</summary>
    public ConcurrentDictionary<string, string> Pages { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The host and port, as a crawl names its folder (host only).</summary>
    public string Host => new Uri(BaseUrl).Host;

    /// <summary>A delay before each answer, to let a test interrupt a crawl midway.</summary>
    public TimeSpan Delay { get; set; }

    public int Hits(string path) => hits.GetValueOrDefault(path);

    /// <summary>Every path asked for, with how often.</summary>
    public IReadOnlyDictionary<string, int> AllHits => hits;

    public string Url(string path) => $"{BaseUrl}{path}";

    public static async Task<SiteServer> StartAsync(IReadOnlyDictionary<string, string> pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new SiteServer(builder.Build(), pages);
        server.app.Run(server.AnswerAsync);
        await server.app.StartAsync();
        server.BaseUrl = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var key = path + context.Request.QueryString;
        hits.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var response = context.Response;
        if (path.StartsWith("/huge-link/", StringComparison.Ordinal))
        {
            await HtmlAsync(response, "linked from the huge page");
            return;
        }

        if (path.StartsWith("/calendar/", StringComparison.Ordinal) && int.TryParse(path[10..], out var day))
        {
            await HtmlAsync(response, $"<a href=\"/calendar/{day + 1}\">next day</a>");
            return;
        }

        switch (path)
        {
            case "/loop":
                response.Redirect("/loop");
                return;
            case "/away":
                response.Redirect("http://localhost.invalid/elsewhere.html");
                return;
            case "/huge":
                await HugeAsync(response, int.Parse(context.Request.Query["mb"]!, System.Globalization.CultureInfo.InvariantCulture));
                return;
        }

        if (!Pages.TryGetValue(key, out var body) && !Pages.TryGetValue(path, out body))
        {
            response.StatusCode = 404;
            return;
        }

        // Every page last changed at one fixed time: a conditional request since then is answered 304.
        var changed = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (context.Request.GetTypedHeaders().IfModifiedSince is { } since && since >= changed)
        {
            response.StatusCode = 304;
            return;
        }

        response.GetTypedHeaders().LastModified = changed;
        response.ContentType = Path.GetExtension(path) switch
        {
            ".css" => "text/css",
            ".png" => "image/png",
            ".txt" => "text/plain",
            ".bin" => "application/octet-stream",
            _ => "text/html; charset=utf-8",
        };
        await response.WriteAsync(body);
    }

    private static async Task HtmlAsync(HttpResponse response, string body)
    {
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"<!doctype html><html><body>{body}</body></html>");
    }

    /// <summary>A page of <paramref name="megabytes"/> MB, with a link to /huge-link/N every 100 kB, and invalid UTF-8 and an unclosed tag on the way.</summary>
    private static async Task HugeAsync(HttpResponse response, int megabytes)
    {
        response.ContentType = "text/html; charset=utf-8";
        await response.Body.WriteAsync("<!doctype html><html><body><div><p>"u8.ToArray());
        var filler = Encoding.ASCII.GetBytes(new string('x', 99_900));
        for (var i = 0; i < megabytes * 10; i++)
        {
            await response.Body.WriteAsync(Encoding.ASCII.GetBytes($"<a href=\"/huge-link/{i}\">{i}</a>"));
            await response.Body.WriteAsync(new byte[] { 0xC3, 0x28, 0xFF });
            await response.Body.WriteAsync(filler);
        }
    }
}
