using System.Runtime.CompilerServices;
using Atelier.Fetch.Naming;
using Atelier.Fetch.Transfer;
using Atelier.Work;
using Polly;

namespace Atelier.Fetch;

/// <summary>
/// Downloads many URLs at once over one shared HttpClient: bounded concurrency overall and per host, retries with
/// backoff that resume where the last attempt stopped, and files that appear only when complete.
/// </summary>
/// <remarks>
/// Bodies stream to <c>NAME.part</c> in the output folder and are renamed to <c>NAME</c> only when complete and (if
/// a checksum was given) verified. A failure leaves at most a <c>.part</c> file that a connection error interrupted;
/// an HTTP error leaves nothing. Every answer is checked before a byte of it is kept (the range asked for, the file's
/// length and validator, and, asked for again, the bytes just before it): a server that lies can make a download fail,
/// never make it wrong. Results come back in input order. Thread-safe: several batches may run at once.
/// </remarks>
public sealed class Downloader : IDisposable
{
    private readonly FetchOptions options;
    private readonly HttpClient client;
    private readonly HostLimiter hosts;
    private readonly OutputFiles output;
    private readonly TransferReporter reporter;
    private readonly Bandwidth? bandwidth;
    private readonly Validators? validators;
    private readonly Watchdogs watchdogs;
    private readonly FileFetch files;

    /// <summary>Creates a downloader and its output folder.</summary>
    /// <exception cref="AtelierException">The output folder cannot be created.</exception>
    public Downloader(FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PerHost, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Retries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StallTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimit ?? 1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimitPerDownload ?? 1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Split, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinSplitSize, 1);
        this.options = options;
        if (!options.CheckOnly)
        {
            OutputFolder.Prepare(options.OutputDirectory);
        }

        client = HttpClients.Create(options);
        hosts = new HostLimiter(options.PerHost);
        // --newer replaces a file whose URL gave a new body, as wget -N does.
        output = new OutputFiles(options.OutputDirectory, options.Newer ? ExistingFile.Overwrite : options.OnExists);
        validators = options.Newer && !options.CheckOnly ? LoadValidators(output.Directory) : null;
        reporter = new TransferReporter(options.Progress, options.TimeProvider);
        bandwidth = options.RateLimit is { } rate ? new Bandwidth(rate, options.TimeProvider) : null;
        watchdogs = new Watchdogs(options.StallTimeout, options.Timeout, options.TimeProvider);

        // The layers, each depending only on those below it: the exchange and the copy loop; one file's connections
        // (an attempt, split or not); its attempts (retries, starting again); the request from its line to its result.
        var exchange = new Exchange(client, options);
        var copy = new BodyCopy(options.TimeProvider, reporter, bandwidth);

        // A range of a split download is retried on its own, quietly: the download goes on meanwhile.
        var rangeRetry = new Lazy<ResiliencePipeline>(() => RetryPipeline.Create(options, static _ => ValueTask.CompletedTask));
        var segments = new Segments(exchange, copy, options, hosts, watchdogs, rangeRetry);
        var attempt = new Attempt(exchange, copy, options, output, hosts, reporter, watchdogs, segments);
        files = new FileFetch(options, output, validators, reporter, new Attempts(attempt, options, reporter));
    }

    /// <summary>Counts so far: read, running, done, failed, bytes. Safe to call at any time from any thread.</summary>
    public FetchTotals Totals => reporter.Snapshot();

    /// <summary>Fetches each request; the input is read only as downloads free up.</summary>
    /// <returns>One result per request, in input order. Cancelling ends the sequence after the running requests stop.</returns>
    public IAsyncEnumerable<FetchResult> FetchAsync(IAsyncEnumerable<FetchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return FetchAsync(requests, inOrder: true, cancellationToken);
    }

    /// <summary>Fetches each request; results in input order, or as they end (a crawl reads each page's links at once).</summary>
    internal IAsyncEnumerable<FetchResult> FetchAsync(IAsyncEnumerable<FetchRequest> requests, bool inOrder, CancellationToken cancellationToken)
    {
        var pool = new WorkPoolOptions
        {
            MaxDegreeOfParallelism = options.Concurrency,

            // In-order results wait for slow earlier ones; a generous window keeps the other downloads busy meanwhile.
            QueueCapacity = inOrder ? Math.Max(64, 8 * options.Concurrency) : options.Concurrency,
            PreserveOrder = inOrder,
            TimeProvider = options.TimeProvider,
        };
        return Saved(Results(WorkPool.RunAsync(Counted(requests, cancellationToken), files.RunAsync, pool, cancellationToken)));
    }

    /// <inheritdoc cref="FetchAsync(IAsyncEnumerable{FetchRequest}, CancellationToken)"/>
    public IAsyncEnumerable<FetchResult> FetchAsync(IEnumerable<FetchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return FetchAsync(requests.ToAsyncEnumerable(), cancellationToken);
    }

    /// <summary>Closes the connections.</summary>
    public void Dispose()
    {
        client.Dispose();
        watchdogs.Dispose();
        hosts.Dispose();
        bandwidth?.Dispose();
    }

    private static Validators LoadValidators(string directory)
    {
        try
        {
            return Validators.Load(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot read '{Path.Combine(directory, Validators.FileName)}': {e.Message}", e);
        }
    }

    /// <summary>The results as they come; the validators are written when the batch ends, however it ends.</summary>
    private async IAsyncEnumerable<FetchResult> Saved(IAsyncEnumerable<FetchResult> results)
    {
        try
        {
            await foreach (var result in results.ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // Also the cookie jar: what the servers set during the run is there for the next one.
            SaveValidators();
        }
    }

    /// <exception cref="AtelierException">The manifest or the cookie file cannot be written (the files are saved).</exception>
    private void SaveValidators()
    {
        try
        {
            validators?.Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot write '{Path.Combine(output.Directory, Validators.FileName)}' (the files are saved; the next --newer run fetches them again): {e.Message}", e);
        }
        finally
        {
            options.Cookies?.Save();
        }
    }

    private static async IAsyncEnumerable<FetchResult> Results(IAsyncEnumerable<WorkResult<FetchRequest, FetchResult>> results)
    {
        await foreach (var result in results.ConfigureAwait(false))
        {
            // FileFetch turns every expected failure into a result; anything else is a bug, reported, not thrown.
            yield return result.Succeeded ? result.Value! : new FetchResult(
                result.Index, result.Item.Line, UrlRedactor.Redact(result.Item.Url), null,
                result.Status == WorkStatus.Canceled ? FetchStatus.Canceled : FetchStatus.Failed,
                null, 0, result.Elapsed, 0, null, null, result.Reason);
        }
    }

    private async IAsyncEnumerable<FetchRequest> Counted(IAsyncEnumerable<FetchRequest> requests, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var request in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            reporter.Read();
            yield return request;
        }

        reporter.InputComplete();
    }
}
