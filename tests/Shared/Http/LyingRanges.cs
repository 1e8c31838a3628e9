using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Atelier.Tests.Http;

/// <summary>
/// <c>/lying/NAME?size=N&amp;lie=KIND</c>: a file served in ranges by a server whose answers lie in one way. The lie is
/// told in every answer to a range that starts after byte 0 (<c>unasked</c>: to every request without a Range); other
/// answers are honest. ETag per version; If-Range honoured (but by <c>etag</c>). The first <c>cuts</c> answers drop
/// the connection after <c>cutAfter</c> bytes (half of their body when 0); after <c>changeAfter</c> requests the file
/// is its second version. With <c>holdMs</c>, the first answer waits after its first piece until the file is asked for
/// again (at most that long), so that a split download meets the lie in the other connections' answers however slowly
/// they start.
/// </summary>
internal static class LyingRanges
{
    /// <summary>How far <c>shift</c> moves a body and <c>other</c> moves a range, and how much <c>longer</c> adds.</summary>
    public const int Offset = 1000;

    /// <summary>Every lie the endpoint can tell, and "none".</summary>
    public static readonly string[] Lies = ["none", "shift", "other", "total", "nocr", "longer", "etag", "whole", "gzip", "unasked"];

    public static void Map(WebApplication app, Func<HttpContext, string, int> count)
    {
        // Per file: set when it is asked for a second time.
        var askedAgain = new ConcurrentDictionary<string, TaskCompletionSource>();
        app.MapGet("/lying/{name}", async (HttpContext context, string name, int size, string lie, int pauseMs = 0, int cuts = 0, int cutAfter = 0, int changeAfter = int.MaxValue, int holdMs = 0) =>
        {
            var hit = count(context, name);
            var again = askedAgain.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (hit > 1)
            {
                again.TrySetResult();
            }

            var version = hit > changeAfter ? 2 : 1;
            var etag = $"\"{name}-v{version}\"";
            var file = Body.Ranged(name, size, version);
            var response = context.Response;
            response.Headers.ETag = etag;
            response.Headers.AcceptRanges = "bytes";
            var ifRange = context.Request.Headers.IfRange.ToString();
            var asked = RangeHeaderValue.TryParse(context.Request.Headers.Range.ToString(), out var range) && range.Ranges.Single() is { From: { } from } one
                ? (From: from, To: Math.Min(one.To ?? size - 1, size - 1))
                : ((long From, long To)?)null;
            var honoured = asked is not null && (ifRange.Length == 0 || ifRange == etag || lie == "etag");
            byte[] body;
            var length = true;
            if (asked is not { } wanted || !honoured)
            {
                if (asked is null && lie == "unasked")
                {
                    response.StatusCode = 206;
                    response.Headers.ContentRange = $"bytes 0-{(size / 2) - 1}/{size}";
                    body = file[..(size / 2)];
                }
                else
                {
                    body = file;
                }
            }
            else if (wanted.From >= size)
            {
                response.StatusCode = 416;
                response.Headers.ContentRange = $"bytes */{size}";
                return;
            }
            else
            {
                var (start, end) = wanted;
                response.StatusCode = 206;
                response.Headers.ContentRange = $"bytes {start}-{end}/{size}";
                body = Slice(file, start, end - start + 1);
                switch (start > 0 ? lie : "none")
                {
                    case "shift":
                        body = Slice(file, start + Offset, end - start + 1);
                        break;
                    case "other":
                        var earlier = start - Math.Min(start, Offset);
                        response.Headers.ContentRange = $"bytes {earlier}-{end}/{size}";
                        body = Slice(file, earlier, end - earlier + 1);
                        break;
                    case "total":
                        response.Headers.ContentRange = $"bytes {start}-{end}/{size + Offset}";
                        break;
                    case "nocr":
                        response.Headers.ContentRange = default;
                        break;
                    case "longer":
                        body = Slice(file, start, end - start + 1 + Offset);
                        length = false;
                        break;
                    case "whole":
                        response.StatusCode = 200;
                        response.Headers.ContentRange = default;
                        body = file;
                        break;
                    case "gzip":
                        body = Gzip(body);
                        response.Headers.ContentEncoding = "gzip";
                        length = false;
                        break;
                }
            }

            if (length)
            {
                response.ContentLength = body.Length;
            }

            var cutAt = hit > cuts ? long.MaxValue : cutAfter > 0 ? cutAfter : body.Length / 2;
            try
            {
                for (var offset = 0; offset < body.Length; offset += 16 * 1024)
                {
                    var piece = (int)Math.Min(16 * 1024, Math.Min(body.Length, cutAt) - offset);
                    if (piece <= 0)
                    {
                        await response.Body.FlushAsync(context.RequestAborted);
                        context.Abort();
                        return;
                    }

                    await response.Body.WriteAsync(body.AsMemory(offset, piece), context.RequestAborted);
                    if (hit == 1 && offset == 0 && holdMs > 0)
                    {
                        await response.Body.FlushAsync(context.RequestAborted);
                        await again.Task.WaitAsync(TimeSpan.FromMilliseconds(holdMs), context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }

                    if (pauseMs > 0)
                    {
                        await response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(pauseMs, context.RequestAborted);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>Bytes of the file from <paramref name="start"/>, zeros past its end.</summary>
    private static byte[] Slice(byte[] file, long start, long count)
    {
        var slice = new byte[count];
        if (start < file.Length)
        {
            file.AsSpan((int)start, (int)Math.Min(count, file.Length - start)).CopyTo(slice);
        }

        return slice;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return packed.ToArray();
    }
}
