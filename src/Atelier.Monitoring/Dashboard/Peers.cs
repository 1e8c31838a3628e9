using System.Text.Json;

namespace Atelier.Monitoring.Dashboard;

/// <summary>
/// Other hosts' monitors, shown on this one's dashboard (<c>--peer</c>): each peer's <c>/api/samples</c> is read once per
/// interval and kept as it came, with whether the peer answered; a peer that goes away is marked unreachable (its last
/// window kept) and comes back when it answers again.
/// </summary>
/// <remarks>
/// The window is passed through to the page as the peer wrote it, after a check that it is one (an object with
/// <c>metrics</c> and <c>samples</c>); what is kept per peer is bounded by <see cref="LargestWindow"/>. Thread-safe.
/// </remarks>
public sealed class Peers : IDisposable
{
    /// <summary>The largest <c>/api/samples</c> answer kept from a peer: a window of 3,600 samples of 40 metrics fits.</summary>
    public const int LargestWindow = 4 * 1024 * 1024;

    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromSeconds(2);
    private readonly HttpClient client;
    private readonly PeerStatus[] statuses;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;

    /// <param name="urls">Each peer's dashboard address, as <c>--serve</c> gave it there (http://host-b:9100).</param>
    /// <param name="interval">How often each peer is read: the monitor's own interval.</param>
    /// <param name="time">The clock polls and timeouts are timed with.</param>
    /// <param name="handler">The HTTP handler (tests); a fresh SocketsHttpHandler when null.</param>
    public Peers(IEnumerable<Uri> urls, TimeSpan interval, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        statuses = [.. urls.Select(url => new PeerStatus(Normalized(url), Reachable: false, Host: null, Error: "not read yet", LastSeen: null, Window: null))];
        this.interval = interval;
        this.time = time ?? TimeProvider.System;
        client = handler is null ? new HttpClient() : new HttpClient(handler);
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.MaxResponseContentBufferSize = LargestWindow;
    }

    /// <summary>The token the peers ask for (<c>Authorization: Bearer</c>); null when they ask for none.</summary>
    public string? Token { get; init; }

    /// <summary>What each peer last said, in the order the peers were given.</summary>
    public IReadOnlyList<PeerStatus> Statuses => [.. statuses.Select((_, i) => Volatile.Read(ref statuses[i]))];

    /// <summary>Reads every peer once per interval until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, statuses.Length).Select(i => PollAsync(i, cancellationToken)));

    /// <summary>Reads every peer once, now.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(Enumerable.Range(0, statuses.Length).Select(i => RefreshAsync(i, cancellationToken)));

    /// <summary>The peers as the page reads them: an array of url, reachable, host, error, last_seen and window.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartArray();
        foreach (var status in Statuses)
        {
            json.WriteStartObject();
            json.WriteString("url", status.Url.ToString());
            json.WriteBoolean("reachable", status.Reachable);
            json.WriteString("host", status.Host);
            json.WriteString("error", status.Error);
            if (status.LastSeen is { } seen)
            {
                json.WriteString("last_seen", seen);
            }
            else
            {
                json.WriteNull("last_seen");
            }

            json.WritePropertyName("window");
            if (status.Window is { } window)
            {
                json.WriteRawValue(window, skipInputValidation: true);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Closes the connections to the peers.</summary>
    public void Dispose() => client.Dispose();

    private static Uri Normalized(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
    }

    /// <summary>Where a document that is not a monitor's window goes wrong, or null when it is one; its host otherwise.</summary>
    private static string? Check(byte[] window, out string? host)
    {
        host = null;
        try
        {
            using var document = JsonDocument.Parse(window);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("samples", out var samples) || samples.ValueKind != JsonValueKind.Array)
            {
                return "not an atelier monitor (its /api/samples has no metrics and samples)";
            }

            host = root.TryGetProperty("host", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            return null;
        }
        catch (JsonException)
        {
            return "not an atelier monitor (its /api/samples is not JSON)";
        }
    }

    private async Task PollAsync(int peer, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await RefreshAsync(peer, cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(int peer, CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref statuses[peer]);
        var timeout = interval * 2 > ShortestTimeout ? interval * 2 : ShortestTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        PeerStatus next;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(last.Url, "api/samples"));
            if (Token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            }

            using var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                next = last with { Reachable = false, Error = $"HTTP {(int)response.StatusCode} from /api/samples" };
            }
            else
            {
                var window = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                next = Check(window, out var host) is { } problem
                    ? last with { Reachable = false, Error = problem }
                    : new PeerStatus(last.Url, Reachable: true, host, Error: null, time.GetUtcNow(), window);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            next = last with { Reachable = false, Error = $"no answer within {timeout.TotalSeconds:0.#} s" };
        }
        catch (HttpRequestException e)
        {
            next = last with { Reachable = false, Error = e.InnerException?.Message ?? e.Message };
        }

        Volatile.Write(ref statuses[peer], next);
    }
}

/// <summary>What a peer last said.</summary>
/// <param name="Url">Its dashboard's address.</param>
/// <param name="Reachable">Whether its last read answered with a window.</param>
/// <param name="Host">The host name its window gave; null until one did.</param>
/// <param name="Error">Why the last read failed, in one line; null when it answered.</param>
/// <param name="LastSeen">When it last answered; null if it never did.</param>
/// <param name="Window">Its last window, its <c>/api/samples</c> as it came (UTF-8 JSON); kept while it is unreachable.</param>
public sealed record PeerStatus(Uri Url, bool Reachable, string? Host, string? Error, DateTimeOffset? LastSeen, byte[]? Window);
