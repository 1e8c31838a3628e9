using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using Atelier.Fetch.Naming;
using Atelier.Work;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Fetch.Transfer;

/// <summary>One request and its body: the unit Polly retries. Resumes from what earlier attempts wrote.</summary>
internal sealed class Attempt(HttpClient client, FetchOptions options, OutputFiles output, HostLimiter hosts, TransferReporter reporter, Bandwidth? bandwidth, Watchdogs watchdogs, Segments segments)
{
    private const int SmallestBuffer = 16 * 1024;
    private const int LargestBuffer = 1024 * 1024;

    /// <summary>How long received bytes may wait in memory for more before they are written.</summary>
    private static readonly TimeSpan GatherAtMost = TimeSpan.FromMilliseconds(100);

    public ValueTask RunAsync(DownloadJob job, CancellationToken cancellationToken) =>
        // Most files have one URL and come over one connection: nothing to fail over to, one state machine less.
        job.Plan is null && job.Sources.Count == 1
            ? RunOnAsync(job, job.Sources[0], cancellationToken)
            : RunOverSourcesAsync(job, cancellationToken);

    private async ValueTask RunOverSourcesAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        if (job.Plan is not null)
        {
            // A split download under way (resumed with --continue, or retried): its connections take the ranges left.
            await segments.ContinueAsync(job, cancellationToken).ConfigureAwait(false);
            return;
        }

        while (true)
        {
            var source = job.Source;
            try
            {
                await RunOnAsync(job, source, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SourceFailedException e) when (job.TryDrop(source, e.Message))
            {
                // A mirror failed before its body began: the next one is asked at once.
            }
            catch (SourceFailedException e)
            {
                ExceptionDispatchInfo.Throw(e.InnerException!);
                throw;
            }
        }
    }

    /// <summary>A GET of the source's URL, with its credentials.</summary>
    public static HttpRequestMessage NewRequest(Source source) => new(HttpMethod.Get, source.Url)
    {
        // HTTP/2 when the server offers it over TLS, HTTP/1.1 otherwise. (HttpClient's default version only
        // applies to the requests its own helpers create.)
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        Headers = { Authorization = source.Authorization },
    };

    /// <summary>What identifies the response's body for If-Range: a strong ETag, else Last-Modified; null when neither.</summary>
    public static RangeConditionHeaderValue? ValidatorOf(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false } etag ? new RangeConditionHeaderValue(etag)
        : response.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified)
        : null;

    /// <summary>A failed request's exception as the retry sees it: connection trouble and timeouts are transient.</summary>
    public static Exception Classify(Exception exception, Watchdog watchdog, FetchOptions options) => exception switch
    {
        OperationCanceledException => new TransientFetchException(
            watchdog.Expired switch
            {
                Watchdog.Expiry.Stalled => $"no data for {Seconds(options.StallTimeout)}",
                Watchdog.Expiry.Deadline => $"the attempt took longer than {Seconds(options.Timeout!.Value)}",
                _ => $"could not connect within {Seconds(options.ConnectTimeout)}",
            },
            innerException: exception),
        HttpRequestException => new TransientFetchException(UrlRedactor.RedactText(exception.InnerException?.Message ?? exception.Message), innerException: exception),
        IOException => new TransientFetchException(UrlRedactor.RedactText(exception.Message), innerException: exception),
        _ => exception,
    };

    /// <summary>Waits for what a read brought to fit the download's own cap, then the run's.</summary>
    public static async ValueTask TakeBandwidthAsync(DownloadJob job, Bandwidth? run, int read, CancellationToken cancellationToken)
    {
        if (job.Bandwidth is { } own)
        {
            await own.TakeAsync(read, cancellationToken).ConfigureAwait(false);
        }

        if (run is not null)
        {
            await run.TakeAsync(read, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask RunOnAsync(DownloadJob job, Source source, CancellationToken cancellationToken)
    {
        job.CountAttempt();
        using var slot = await hosts.EnterAsync(source.Url, cancellationToken).ConfigureAwait(false);
        reporter.Downloading(job, force: true);
        var time = options.TimeProvider;
        using var watchdog = watchdogs.Start(cancellationToken);
        var receiving = false;
        try
        {
            using var request = CreateRequest(job, source);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
            job.HttpStatus = (int)response.StatusCode;
            job.FinalUrl = response.RequestMessage?.RequestUri ?? source.Url;
            if (response.StatusCode == HttpStatusCode.NotModified && job.Known is { } known)
            {
                // --newer: the file this URL gave last time is still what the server has.
                job.Name = known.Name;
                job.UpToDatePath = Path.Combine(output.Directory, known.Name);
                return;
            }

            EnsureUsable(job, response, time);
            if (options.CheckOnly)
            {
                await DiscardAsync(job, response, watchdog).ConfigureAwait(false);
                return;
            }

            var append = Place(job, source, response);
            if (job.SkippedPath is not null)
            {
                return;
            }

            receiving = true;
            if (segments.CanSplit(job, response))
            {
                await segments.RunAsync(job, source, response, slot, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReceiveAsync(job, source, response, append, watchdog).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not LocalFileException)
        {
            var failure = Classify(e, watchdog, options);
            if (!receiving && job.Sources.Count > 1)
            {
                throw new SourceFailedException(failure);
            }

            if (ReferenceEquals(failure, e))
            {
                throw;
            }

            throw failure;
        }
    }

    private HttpRequestMessage CreateRequest(DownloadJob job, Source source)
    {
        var request = NewRequest(source);
        if (job.Written == 0 && job.Known is { } known)
        {
            // --newer: the body only if it changed since the last run saved it.
            if (known.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            request.Headers.IfModifiedSince = known.LastModified;
        }

        if (job.Written > 0)
        {
            // Resume: the rest of the body, but only if it is still the same body.
            request.Headers.Range = new RangeHeaderValue(job.Written, null);
            request.Headers.IfRange = job.Validator;
        }
        else if (segments.MaySplit(job))
        {
            // A 206 with a length says the file can be fetched in ranges, over several connections.
            request.Headers.Range = new RangeHeaderValue(0, null);
        }

        return request;
    }

    public static void EnsureUsable(DownloadJob job, HttpResponseMessage response, TimeProvider time)
    {
        var code = (int)response.StatusCode;
        job.RefusedByServer = !response.IsSuccessStatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = $"HTTP {code} {response.ReasonPhrase}".TrimEnd();
        if (code is 408 or 429 or 500 or 502 or 503 or 504)
        {
            throw new TransientFetchException(status, RetryAfter.Wait(response.Headers.RetryAfter, time.GetUtcNow()));
        }

        if (code is >= 300 and < 400)
        {
            throw new WorkItemException($"{status}: too many redirects (the last one to {UrlRedactor.Redact(response.Headers.Location?.ToString() ?? "?")})");
        }

        throw new WorkItemException(status);
    }

    /// <summary>Decides resume or restart, and (the first time) the file name; returns whether to append.</summary>
    private bool Place(DownloadJob job, Source source, HttpResponseMessage response)
    {
        var range = response.Content.Headers.ContentRange;
        var resumed = job.Written > 0 && response.StatusCode == HttpStatusCode.PartialContent && range?.From == job.Written;
        if (!resumed && job.Written > 0)
        {
            // The server ignored the range, or the body changed (If-Range): start again from the first byte.
            job.Written = 0;
            job.RestartHash();
        }

        job.Total = response.StatusCode == HttpStatusCode.PartialContent
            ? range?.Length ?? (response.Content.Headers.ContentLength + job.Written)
            : response.Content.Headers.ContentLength;
        job.ETag = response.Headers.ETag?.ToString();
        job.LastModified = response.Content.Headers.LastModified;
        job.Validator = ValidatorOf(response);
        source.Validator = job.Validator;

        if (job.PartPath is null)
        {
            var name = FileNames.Sanitize(job.Request.OutName)
                ?? FileNames.FromContentDisposition(response.Content.Headers.ContentDisposition)
                ?? FileNames.FromUrl(job.Url)
                ?? FileNames.Fallback;
            var placement = output.Reserve(name);
            if (placement.Refusal is { } refusal)
            {
                throw new WorkItemException(refusal);
            }

            job.Name = name;
            job.SkippedPath = placement.SkipPath;
            job.FinalPath = placement.Path;
            job.PartPath = placement.Path + OutputFiles.PartSuffix;
        }

        return resumed;
    }

    private async Task ReceiveAsync(DownloadJob job, Source source, HttpResponseMessage response, bool append, Watchdog watchdog)
    {
        using var file = LocalFileException.Guard(job.PartPath!, () =>
            File.OpenHandle(job.PartPath!, append ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.Write, FileShare.Read));
        var before = job.Written;
        try
        {
            await CopyAsync(job, response, file, watchdog).ConfigureAwait(false);
        }
        finally
        {
            source.Served(job.Written - before);
        }

        if (job.Total is { } total && job.Written < total)
        {
            throw new TransientFetchException($"the connection closed after {job.Written:N0} of {total:N0} bytes");
        }
    }

    private async Task DiscardAsync(DownloadJob job, HttpResponseMessage response, Watchdog watchdog)
    {
        job.Written = 0;
        job.Total = response.Content.Headers.ContentLength;
        await CopyAsync(job, response, file: null, watchdog).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the body into the file at the job's offset, or counts and drops it when there is no file. Reads gather
    /// in the buffer and are written when it is full, at the end, or once the oldest unwritten byte is
    /// <see cref="GatherAtMost"/> old: a 16 KiB body is one write, not one per read, and a slow one still reaches the
    /// disk as it comes. Whatever arrived is written before a failed read's exception goes on, so a retry resumes after it.
    /// </summary>
    private async Task CopyAsync(DownloadJob job, HttpResponseMessage response, SafeFileHandle? file, Watchdog watchdog)
    {
        var body = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
        await using var bodyScope = body.ConfigureAwait(false);
        var time = options.TimeProvider;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferFor(job));
        var gatheringSince = 0L;

        // Under a rate limit, reads are cut to what one period lets through, so that each waits for its own share.
        var chunk = Math.Min(bandwidth?.Chunk ?? int.MaxValue, job.Bandwidth?.Chunk ?? int.MaxValue);
        job.Buffered = 0;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory((int)job.Buffered, Math.Min(buffer.Length - (int)job.Buffered, chunk)), watchdog.Token).ConfigureAwait(false);
                    if (read > 0 && (job.Bandwidth ?? bandwidth) is not null)
                    {
                        // Waiting for our own cap is not the server stalling.
                        watchdog.Progressed();
                        await TakeBandwidthAsync(job, bandwidth, read, watchdog.Token).ConfigureAwait(false);
                    }
                }
                catch
                {
                    Flush(job, file, buffer);
                    throw;
                }

                if (read > 0)
                {
                    watchdog.Progressed();
                    gatheringSince = job.Buffered == 0 ? time.GetTimestamp() : gatheringSince;
                    job.Buffered += read;
                    job.Received += read;
                    reporter.Received(job, read);
                }

                if (read == 0 || job.Buffered == buffer.Length || time.GetElapsedTime(gatheringSince) >= GatherAtMost)
                {
                    Flush(job, file, buffer);
                }

                if (read == 0)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Flush(DownloadJob job, SafeFileHandle? file, byte[] buffer)
    {
        var count = (int)job.Buffered;
        if (count == 0)
        {
            return;
        }

        if (file is not null)
        {
            Write(job, file, buffer.AsSpan(0, count));
            job.Hash?.AppendData(buffer, 0, count);
        }

        job.Written += count;
        job.Buffered = 0;
    }

    private static void Write(DownloadJob job, SafeFileHandle file, ReadOnlySpan<byte> bytes)
    {
        try
        {
            // A plain write: on Linux, "async" file writes are this same write queued to the thread pool, and a
            // thread hop per chunk costs more than the write into the page cache.
            RandomAccess.Write(file, bytes, job.Written);
        }
        catch (IOException e)
        {
            throw new LocalFileException(job.PartPath!, e);
        }
    }

    /// <summary>Large reads for large bodies (fewer system calls), small ones for small bodies (less memory).</summary>
    private static int BufferFor(DownloadJob job) =>
        job.Total is { } total ? (int)Math.Clamp(total - job.Written, SmallestBuffer, LargestBuffer) : LargestBuffer / 4;

    private static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:0.###} s";
}
