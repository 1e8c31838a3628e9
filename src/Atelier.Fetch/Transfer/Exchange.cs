using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using Atelier.Work;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// One HTTP exchange for a file's bytes: builds the request an <see cref="Ask"/> describes (Range, If-Range,
/// conditions, credentials) and checks the answer before a byte of its body is read. Every 206 names the range asked
/// for, the file's known length and validator, and no content coding; a 206 to a request without a range, a 200 to one
/// with a range, a 416 each have their own <see cref="AnswerKind"/>; an answer that fails a check is an
/// <see cref="UntrustedAnswerException"/> naming the <see cref="Lie"/>.
/// </summary>
internal sealed class Exchange(HttpClient client, FetchOptions options)
{
    /// <summary>Sends the request an ask describes; <see cref="Check"/> takes its answer.</summary>
    /// <remarks>Not an async method of its own: the caller awaits HttpClient's task, one state machine less per request.</remarks>
    public Task<HttpResponseMessage> SendAsync(Ask ask, CancellationToken cancellationToken) =>
        client.SendAsync(Request(ask), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Checks an answer against its ask before a byte of its body is read; the caller reads the body and disposes the answer.</summary>
    /// <exception cref="TransientFetchException">A status another attempt may not get (408, 429, 5xx).</exception>
    /// <exception cref="UntrustedAnswerException">The answer failed a check.</exception>
    /// <exception cref="WorkItemException">An HTTP error.</exception>
    public Answer Check(Ask ask, HttpResponseMessage response, TransferState state)
    {
        var code = (int)response.StatusCode;
        state.Answered(code, response.RequestMessage?.RequestUri ?? ask.Source.Url, refused: !response.IsSuccessStatusCode && code != 304);
        try
        {
            return Checked(ask, response);
        }
        catch
        {
            response.Dispose();
            response.RequestMessage?.Dispose();
            throw;
        }
    }

    /// <summary>A failed request's exception as the retry sees it: connection trouble and timeouts are transient.</summary>
    public Exception Classify(Exception exception, Watchdog watchdog) => exception switch
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

    /// <summary>What identifies the response's body for If-Range: a strong ETag, else Last-Modified; null when neither.</summary>
    public static RangeConditionHeaderValue? ValidatorOf(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false } etag ? new RangeConditionHeaderValue(etag)
        : response.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified)
        : null;

    private static HttpRequestMessage Request(Ask ask)
    {
        var request = new HttpRequestMessage(ask.Head ? HttpMethod.Head : HttpMethod.Get, ask.Source.Url)
        {
            // HTTP/2 when the server offers it over TLS, HTTP/1.1 otherwise. (HttpClient's default version only
            // applies to the requests its own helpers create.)
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Headers = { Authorization = ask.Source.Authorization },
        };
        if (ask.Ranged)
        {
            // The rest of the body, but only if it is still the same body.
            request.Headers.Range = new RangeHeaderValue(ask.Start, ask.To);
            request.Headers.IfRange = ask.Source.Validator;
        }
        else if (ask.Unless is { } known)
        {
            // --newer: the body only if it changed since the last run saved it.
            if (known.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            request.Headers.IfModifiedSince = known.LastModified;
        }

        return request;
    }

    private Answer Checked(Ask ask, HttpResponseMessage response)
    {
        var length = response.Content.Headers.ContentLength;
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotModified when ask.Unless is not null:
                return new Answer(response, AnswerKind.NotModified);
            case HttpStatusCode.RequestedRangeNotSatisfiable when ask.Ranged:
                return new Answer(response, AnswerKind.RangeNotSatisfiable) { Total = response.Content.Headers.ContentRange?.Length };
            case HttpStatusCode.PartialContent:
                return Partial(ask, response);
            case HttpStatusCode.OK when ask.Ranged && ask.Start > 0:
                return new Answer(response, AnswerKind.IgnoredRange) { BodyLength = length, Total = length, Validator = ValidatorOf(response), Digest = ServerDigest.From(response) };
            case var code when (int)code is >= 200 and < 300:
                return new Answer(response, AnswerKind.Whole) { BodyLength = length, Total = length, Validator = ValidatorOf(response), Digest = ServerDigest.From(response) };
            default:
                throw Refusal(response);
        }
    }

    private static Answer Partial(Ask ask, HttpResponseMessage response)
    {
        var headers = response.Content.Headers;
        if (headers.ContentRange is not { Unit: "bytes", From: { } from, To: { } to } range || to < from || range.Length <= to)
        {
            throw new UntrustedAnswerException(Lie.NoContentRange, $"the server answered 206 to a request for {Describe(ask)} without a usable Content-Range ('{headers.ContentRange}')");
        }

        var total = range.Length;
        var answered = string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{to}/{(total is { } n ? n.ToString(CultureInfo.InvariantCulture) : "*")}");
        if (!ask.Ranged)
        {
            // A 206 for the whole file is the whole file; any other is an answer to a question nobody asked.
            if (from == 0 && total == to + 1)
            {
                return new Answer(response, AnswerKind.Whole) { BodyLength = total, Total = total, Validator = ValidatorOf(response), Digest = ServerDigest.From(response) };
            }

            throw new UntrustedAnswerException(Lie.UnaskedRange, $"the server answered {answered} (206) to a request for the whole file");
        }

        // An open range may end before the file does (some servers cap them), but not before the first byte wanted,
        // unless the file ends just there (a .part already whole).
        if (from != ask.Start || (ask.To is { } last ? to != last : to < ask.From && !(total == ask.From && to + 1 == total)))
        {
            throw new UntrustedAnswerException(Lie.WrongRange, $"the server answered {answered} to a request for bytes {ask.Range}");
        }

        if (ask.Length is { } known && total != known)
        {
            throw new UntrustedAnswerException(Lie.WrongLength, total is { } said
                ? $"the server said the file is {said:N0} bytes, not {known:N0} ({answered})"
                : $"the server did not say the file's length ({answered}), known to be {known:N0} bytes");
        }

        var count = to - from + 1;
        if (headers.ContentLength is { } sent && sent != count)
        {
            throw new UntrustedAnswerException(Lie.LengthMismatch, $"the server announced {sent:N0} bytes for {answered} ({count:N0} bytes)");
        }

        if (headers.ContentEncoding.FirstOrDefault(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase)) is { } coding)
        {
            throw new UntrustedAnswerException(Lie.Encoded, $"the server sent {answered} {coding}-encoded: a range of an encoded body cannot be joined to others");
        }

        var validator = ValidatorOf(response);
        if (ask.Source.Validator is { } began && validator is not null && !validator.Equals(began))
        {
            throw new UntrustedAnswerException(Lie.Changed, $"the file changed on the server during the download ({began} when it began, {validator} now)");
        }

        return new Answer(response, AnswerKind.Partial) { Start = from, BodyLength = count, Total = total, Validator = validator, Digest = ServerDigest.From(response) };
    }

    private static string Describe(Ask ask) => ask.Ranged ? $"bytes {ask.Range}" : "the whole file";

    private Exception Refusal(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var status = $"HTTP {code} {response.ReasonPhrase}".TrimEnd();
        if (code is 408 or 429 or 500 or 502 or 503 or 504)
        {
            return new TransientFetchException(status, RetryAfter.Wait(response.Headers.RetryAfter, options.TimeProvider.GetUtcNow()));
        }

        if (code is >= 300 and < 400)
        {
            return new WorkItemException($"{status}: too many redirects (the last one to {UrlRedactor.Redact(response.Headers.Location?.ToString() ?? "?")})");
        }

        return new WorkItemException(status);
    }

    private static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:0.###} s";
}
