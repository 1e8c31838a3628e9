using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Atelier.Fetch.Naming;
using Atelier.Work;

namespace Atelier.Fetch.Transfer;

/// <summary>One request and its body: the unit Polly retries. Resumes from what earlier attempts wrote.</summary>
internal sealed class Attempt(HttpClient client, FetchOptions options, OutputFiles output, HostLimiter hosts, TransferReporter reporter)
{
    private const int BufferSize = 256 * 1024;

    public async ValueTask RunAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        job.Attempts++;
        using var slot = await hosts.EnterAsync(job.Url, cancellationToken).ConfigureAwait(false);
        reporter.Downloading(job, force: true);
        var time = options.TimeProvider;
        using var stall = new CancellationTokenSource(options.StallTimeout, time);
        using var deadline = new CancellationTokenSource(options.Timeout ?? Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token, deadline.Token);
        try
        {
            using var request = CreateRequest(job);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            job.HttpStatus = (int)response.StatusCode;
            job.FinalUrl = response.RequestMessage?.RequestUri ?? job.Url;
            EnsureUsable(job, response, time);
            if (options.CheckOnly)
            {
                await DiscardAsync(job, response, stall, linked.Token).ConfigureAwait(false);
                return;
            }

            var append = Place(job, response);
            if (job.SkippedPath is null)
            {
                await ReceiveAsync(job, response, append, stall, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFetchException(
                stall.IsCancellationRequested ? $"no data for {Seconds(options.StallTimeout)}"
                : deadline.IsCancellationRequested ? $"the attempt took longer than {Seconds(options.Timeout!.Value)}"
                : $"could not connect within {Seconds(options.ConnectTimeout)}",
                innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new TransientFetchException(UrlRedactor.RedactText(e.InnerException?.Message ?? e.Message), innerException: e);
        }
        catch (IOException e)
        {
            throw new TransientFetchException(UrlRedactor.RedactText(e.Message), innerException: e);
        }
    }

    private static HttpRequestMessage CreateRequest(DownloadJob job)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, job.Url);
        request.Headers.Authorization = job.Authorization;
        if (job.Written > 0)
        {
            // Resume: the rest of the body, but only if it is still the same body.
            request.Headers.Range = new RangeHeaderValue(job.Written, null);
            request.Headers.IfRange = job.Validator;
        }

        return request;
    }

    private static void EnsureUsable(DownloadJob job, HttpResponseMessage response, TimeProvider time)
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
            throw new TransientFetchException(status, RetryAfter(response.Headers.RetryAfter, time));
        }

        if (code is >= 300 and < 400)
        {
            throw new WorkItemException($"{status}: too many redirects (the last one to {UrlRedactor.Redact(response.Headers.Location?.ToString() ?? "?")})");
        }

        throw new WorkItemException(status);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Decides resume or restart, and (the first time) the file name; returns whether to append.</summary>
    private bool Place(DownloadJob job, HttpResponseMessage response)
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
        job.Validator = response.Headers.ETag is { IsWeak: false } etag ? new RangeConditionHeaderValue(etag)
            : response.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified)
            : null;

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

    private async Task ReceiveAsync(DownloadJob job, HttpResponseMessage response, bool append, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = LocalFileException.Guard(job.PartPath!, () =>
                new FileStream(job.PartPath!, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0));
            await using (file.ConfigureAwait(false))
            {
                await CopyAsync(job, body, file, stall, cancellationToken).ConfigureAwait(false);
            }
        }

        if (job.Total is { } total && job.Written < total)
        {
            throw new TransientFetchException($"the connection closed after {job.Written:N0} of {total:N0} bytes");
        }
    }

    private async Task CopyAsync(DownloadJob job, Stream body, FileStream file, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                stall.CancelAfter(options.StallTimeout);
                try
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new LocalFileException(job.PartPath!, e);
                }

                job.Hash?.AppendData(buffer, 0, read);
                job.Written += read;
                job.Received += read;
                reporter.Received(job, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task DiscardAsync(DownloadJob job, HttpResponseMessage response, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        job.Written = 0;
        job.Total = response.Content.Headers.ContentLength;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    stall.CancelAfter(options.StallTimeout);
                    job.Written += read;
                    job.Received += read;
                    reporter.Received(job, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:0.###} s";
}
