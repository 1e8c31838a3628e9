using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Atelier.Tests.Http;

/// <summary>A real HTTP server on 127.0.0.1 that fails in every way a download can meet, on purpose.</summary>
public sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> hits = new();
    private readonly ConcurrentDictionary<string, int> versions = new();
    private readonly ConcurrentDictionary<string, string> protocols = new();
    private readonly ConcurrentDictionary<string, string> methods = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> ranges = new();
    private readonly ConcurrentDictionary<string, StrongBox<int>> running = new();
    private readonly ConcurrentDictionary<string, StrongBox<int>> mostRunning = new();

    private MisbehavingServer(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The most requests to /slow of one group the server was serving at once.</summary>
    public int MostConcurrentSlow(string group) => Volatile.Read(ref mostRunning.GetOrAdd(group, _ => new StrongBox<int>()).Value);

    /// <summary>The same endpoints over TLS (a self-signed certificate), HTTP/1.1 and HTTP/2.</summary>
    public string TlsBaseUrl { get; private set; } = "";

    public static async Task<MisbehavingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(SelfSignedCertificate());
            });
        });
        builder.Logging.ClearProviders();
        var server = new MisbehavingServer(builder.Build());
        server.Map();
        await server.app.StartAsync();
        var addresses = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        server.BaseUrl = addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal));
        server.TlsBaseUrl = addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        return server;
    }

    /// <summary>The protocol ("HTTP/1.1", "HTTP/2") of the last request for this key.</summary>
    public string? Protocol(string key) => protocols.GetValueOrDefault(key);

    /// <summary>The method (GET, HEAD) of the last request for this key.</summary>
    public string? Method(string key) => methods.GetValueOrDefault(key);

    public string Url(string path) => $"{BaseUrl}{path}";

    public int Hits(string key) => hits.GetValueOrDefault(key);

    /// <summary>Makes <c>/versioned/NAME</c> and <c>/ranged/NAME</c> serve another body, with its own ETag (and Last-Modified).</summary>
    public void SetVersion(string name, int version) => versions[name] = version;

    public IReadOnlyList<string> RangesAsked(string key) => [.. ranges.GetOrAdd(key, _ => new ConcurrentQueue<string>())];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private int Count(HttpContext context, string key)
    {
        protocols[key] = context.Request.Protocol;
        methods[key] = context.Request.Method;
        ranges.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(context.Request.Headers.Range.ToString());
        return hits.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    private void Map()
    {
        LyingRanges.Map(app, Count);

        // A file with an ETag, Range and If-Range, as a well-behaved server serves it (HEAD too: its headers alone).
        app.MapMethods("/files/{name}", ["GET", "HEAD"], (HttpContext context, string name, int size) =>
        {
            Count(context, name);
            return Results.Bytes(Body.Of(name, size), "application/octet-stream", enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{name}-{size}\""));
        });

        // A file that changes when the test says so (SetVersion): ETag and Last-Modified per version, so that
        // If-None-Match and If-Modified-Since get 304 while it has not.
        app.MapGet("/versioned/{name}", (HttpContext context, string name, int size) =>
        {
            Count(context, name);
            var version = versions.GetValueOrDefault(name, 1);
            return Results.Bytes(
                Body.Of($"{name}-v{version}", size),
                "application/octet-stream",
                lastModified: new DateTimeOffset(2026, 1, version, 12, 0, 0, TimeSpan.Zero),
                entityTag: new EntityTagHeaderValue($"\"{name}-v{version}\""));
        });

        // A file (ranges served) with a digest of it in `header`: repr (Repr-Digest sha-256), digest (Digest: SHA-256),
        // md5 (Content-MD5); the first `wrong` answers carry the digest of another body.
        app.MapGet("/digest/{name}", (HttpContext context, string name, int size, string header, int wrong = 0) =>
        {
            var body = Body.Of(name, size);
            var digested = Count(context, name) <= wrong ? Body.Of(name + "-other", size) : body;
            switch (header)
            {
                case "repr":
                    context.Response.Headers["Repr-Digest"] = $"sha-512=:{Convert.ToBase64String(SHA512.HashData(digested))}:, sha-256=:{Convert.ToBase64String(SHA256.HashData(digested))}:";
                    break;
                case "digest":
                    context.Response.Headers["Digest"] = $"MD5={Convert.ToBase64String(MD5.HashData(digested))},SHA-256={Convert.ToBase64String(SHA256.HashData(digested))}";
                    break;
                case "md5":
                    context.Response.Headers["Content-MD5"] = Convert.ToBase64String(MD5.HashData(digested));
                    break;
            }

            return Results.Bytes(body, "application/octet-stream", enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{name}-{size}\""));
        });

        // The value of the X-Test request header, as the body.
        app.MapGet("/header/{name}", (HttpContext context, string name) =>
        {
            Count(context, name);
            return Results.Text(context.Request.Headers["X-Test"].ToString());
        });

        // Cookies: /cookies/set/NAME?value=V sets NAME=V (for a day, or for the session with session=true); /cookies/echo
        // answers with the Cookie header it was sent.
        app.MapGet("/cookies/set/{name}", (HttpContext context, string name, string value, bool session = false) =>
        {
            context.Response.Cookies.Append(name, value, new CookieOptions { Path = "/", HttpOnly = true, MaxAge = session ? null : TimeSpan.FromDays(1) });
            return Results.Text($"set {name}");
        });
        app.MapGet("/cookies/echo/{name}", (HttpContext context, string name) =>
        {
            Count(context, name);
            return Results.Text(context.Request.Headers.Cookie.ToString());
        });

        app.MapGet("/status/{code:int}", (HttpContext context, int code, string key) =>
        {
            Count(context, key);
            return Results.StatusCode(code);
        });

        // 503 with Retry-After: 1 the first `failures` times, then the file.
        app.MapGet("/unavailable/{name}", (HttpContext context, string name, int size, int failures) =>
        {
            if (Count(context, name) <= failures)
            {
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(503);
            }

            return Results.Bytes(Body.Of(name, size), "application/octet-stream");
        });

        app.MapGet("/busy/{name}", (HttpContext context, string name, int size) =>
            Count(context, name) == 1 ? Results.StatusCode(429) : Results.Bytes(Body.Of(name, size), "application/octet-stream"));

        // The first response announces the whole body, sends half and drops the connection.
        app.MapGet("/cut/{name}", async (HttpContext context, string name, int size, bool ignoreRange = false) =>
        {
            var body = Body.Of(name, size);
            if (Count(context, name) == 1)
            {
                await SendAndDropAsync(context, body, size / 2, $"\"{name}-{size}\"");
                return Results.Empty;
            }

            return ignoreRange
                ? Results.Bytes(body, "application/octet-stream")
                : Results.Bytes(body, "application/octet-stream", enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{name}-{size}\""));
        });

        // Sends half the body, then nothing more.
        app.MapGet("/stall/{name}", async (HttpContext context, string name, int size) =>
        {
            Count(context, name);
            context.Response.ContentLength = size;
            await context.Response.Body.WriteAsync(Body.Of(name, size).AsMemory(0, size / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            context.Abort();
        });

        // Announces more bytes than it sends, every time.
        app.MapGet("/short/{name}", async (HttpContext context, string name, int size) =>
        {
            Count(context, name);
            await SendAndDropAsync(context, Body.Of(name, size), size - 100, "\"short\"");
        });

        app.MapGet("/redirect/{name}", (string name, int size) => Results.Redirect($"/files/{name}?size={size}"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));

        app.MapGet("/disposition", (HttpContext context, string header, int size) =>
        {
            context.Response.Headers.ContentDisposition = header;
            return Results.Bytes(Body.Of(header, size), "application/octet-stream");
        });

        app.MapGet("/chunked/{name}", async (HttpContext context, string name, int size) =>
        {
            var body = Body.Of(name, size);
            for (var offset = 0; offset < size; offset += 1000)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(1000, size - offset)));
                await context.Response.Body.FlushAsync();
            }
        });

        app.MapGet("/private/{name}", (HttpContext context, string name, int size) =>
        {
            var expected = "Basic " + Convert.ToBase64String("alice:s3cret"u8);
            return context.Request.Headers.Authorization == expected
                ? Results.Bytes(Body.Of(name, size), "application/octet-stream")
                : Results.StatusCode(401);
        });

        // A file served in ranges by hand, for split downloads: 206 to `bytes=A-B` and `bytes=A-`, If-Range honoured
        // (a stale validator gets the whole body, 200), ETag per version (SetVersion); 16 KiB pieces `pauseMs` apart;
        // the first `cuts` responses drop the connection half-way through their bytes (after `cutAfter` bytes if given);
        // ignoreRange serves 200 always; after `changeAfter` requests the file is the next version. With holdFor, the
        // first answer waits after its first piece until the file has been asked for that many times (at most holdMs):
        // a split download's other connections all ask however slowly they start.
        app.MapGet("/ranged/{name}", async (HttpContext context, string name, int size, int pauseMs = 0, int cuts = 0, int cutAfter = 0, bool ignoreRange = false, int changeAfter = int.MaxValue, int holdFor = 0, int holdMs = 10_000) =>
        {
            var hit = Count(context, name);
            var etag = $"\"{name}-v{versions.GetValueOrDefault(name, 1) + (hit > changeAfter ? 1 : 0)}\"";
            var body = Body.Of(etag, size);
            var (from, to) = (0L, size - 1L);
            var ifRange = context.Request.Headers.IfRange.ToString();
            if (!ignoreRange && (ifRange.Length == 0 || ifRange == etag)
                && RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range) && range.Ranges.Single() is { From: { } start } asked)
            {
                if (start >= size)
                {
                    context.Response.StatusCode = 416;
                    context.Response.Headers.ContentRange = $"bytes */{size}";
                    return;
                }

                (from, to) = (start, Math.Min(asked.To ?? size - 1, size - 1));
                context.Response.StatusCode = 206;
                context.Response.Headers.ContentRange = $"bytes {from}-{to}/{size}";
            }

            context.Response.Headers.ETag = etag;
            context.Response.Headers.AcceptRanges = "bytes";
            context.Response.ContentLength = to - from + 1;
            var cutAt = hit > cuts ? long.MaxValue : cutAfter > 0 ? from + cutAfter : from + ((to - from + 1) / 2);
            try
            {
                for (var offset = from; offset <= to; offset += 16 * 1024)
                {
                    var count = (int)Math.Min(16 * 1024, Math.Min(to + 1, cutAt) - offset);
                    if (count <= 0)
                    {
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        context.Abort();
                        return;
                    }

                    await context.Response.Body.WriteAsync(body.AsMemory((int)offset, count), context.RequestAborted);
                    if (hit == 1 && offset == from && holdFor > 1)
                    {
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        var holding = Stopwatch.StartNew();
                        while (Hits(name) < holdFor && holding.ElapsedMilliseconds < holdMs)
                        {
                            await Task.Delay(5, context.RequestAborted);
                        }
                    }

                    if (pauseMs > 0)
                    {
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(pauseMs, context.RequestAborted);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        // A body trickling out in 1 KiB pieces, for progress, per-host limits and Ctrl-C.
        app.MapGet("/slow/{name}", async (HttpContext context, string name, int size, int pauseMs, string group = "") =>
        {
            Count(context, name);
            var counter = running.GetOrAdd(group, _ => new StrongBox<int>());
            var most = mostRunning.GetOrAdd(group, _ => new StrongBox<int>());
            var now = Interlocked.Increment(ref counter.Value);
            var seen = Volatile.Read(ref most.Value);
            while (now > seen && Interlocked.CompareExchange(ref most.Value, now, seen) != seen)
            {
                seen = Volatile.Read(ref most.Value);
            }

            try
            {
                var body = Body.Of(name, size);
                var start = 0;
                if (RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range) && range.Ranges.Single().From is { } from)
                {
                    start = (int)from;
                    context.Response.StatusCode = 206;
                    context.Response.Headers.ContentRange = $"bytes {start}-{size - 1}/{size}";
                }

                context.Response.ContentLength = size - start;
                for (var offset = start; offset < size; offset += 1024)
                {
                    await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(1024, size - offset)), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(pauseMs, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Interlocked.Decrement(ref counter.Value);
            }
        });
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel on Linux wants a certificate whose key it can use: round-trip it through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static async Task SendAndDropAsync(HttpContext context, byte[] body, int bytes, string etag)
    {
        context.Response.ContentLength = body.Length;
        context.Response.Headers.ETag = etag;
        await context.Response.Body.WriteAsync(body.AsMemory(0, bytes));
        await context.Response.Body.FlushAsync();
        context.Abort();
    }
}
