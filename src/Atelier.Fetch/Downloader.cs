using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Atelier.Fetch.Naming;
using Atelier.Fetch.Transfer;
using Atelier.Work;
using Polly;
using Polly.Retry;

namespace Atelier.Fetch;

/// <summary>
/// Downloads many URLs at once over one shared HttpClient: bounded concurrency overall and per host, retries with
/// backoff that resume where the last attempt stopped, and files that appear only when complete.
/// </summary>
/// <remarks>
/// Bodies stream to <c>NAME.part</c> in the output folder and are renamed to <c>NAME</c> only when complete and (if
/// a checksum was given) verified. A failure leaves at most a <c>.part</c> file that a connection error interrupted;
/// an HTTP error leaves nothing. Results come back in input order. Thread-safe: several batches may run at once.
/// </remarks>
public sealed class Downloader : IDisposable
{
    private static readonly ResiliencePropertyKey<DownloadJob> JobKey = new("atelier.fetch.job");
    private readonly FetchOptions options;
    private readonly HttpClient client;
    private readonly HostLimiter hosts;
    private readonly OutputFiles output;
    private readonly TransferReporter reporter;
    private readonly Bandwidth? bandwidth;
    private readonly Validators? validators;
    private readonly Watchdogs watchdogs;
    private readonly Attempt attempt;
    private readonly Lazy<ResiliencePipeline> retry;

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
            CreateFolder(options.OutputDirectory);
        }

        client = HttpClients.Create(options);
        hosts = new HostLimiter(options.PerHost);
        // --newer replaces a file whose URL gave a new body, as wget -N does.
        output = new OutputFiles(options.OutputDirectory, options.Newer ? ExistingFile.Overwrite : options.OnExists);
        validators = options.Newer && !options.CheckOnly ? LoadValidators(output.Directory) : null;
        reporter = new TransferReporter(options.Progress, options.TimeProvider);
        bandwidth = options.RateLimit is { } rate ? new Bandwidth(rate, options.TimeProvider) : null;
        // Built when a request first fails: Polly validates its options by reflection, a tenth of a start-up's time.
        retry = new(() => RetryPipeline.Create(options, OnRetryAsync));
        watchdogs = new Watchdogs(options.StallTimeout, options.Timeout, options.TimeProvider);
        var segments = new Segments(client, options, hosts, reporter, bandwidth, watchdogs, new(() => RetryPipeline.Create(options, OnRangeRetryAsync)));
        attempt = new Attempt(client, options, output, hosts, reporter, bandwidth, watchdogs, segments);
    }

    /// <summary>Counts so far: read, running, done, failed, bytes. Safe to call at any time from any thread.</summary>
    public FetchTotals Totals => reporter.Snapshot();

    /// <summary>Fetches each request; the input is read only as downloads free up.</summary>
    /// <returns>One result per request, in input order. Cancelling ends the sequence after the running requests stop.</returns>
    public IAsyncEnumerable<FetchResult> FetchAsync(IAsyncEnumerable<FetchRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var pool = new WorkPoolOptions
        {
            MaxDegreeOfParallelism = options.Concurrency,

            // In-order results wait for slow earlier ones; a generous window keeps the other downloads busy meanwhile.
            QueueCapacity = Math.Max(64, 8 * options.Concurrency),
            PreserveOrder = true,
            TimeProvider = options.TimeProvider,
        };
        return Saved(Results(WorkPool.RunAsync(Counted(requests, cancellationToken), FetchOneAsync, pool, cancellationToken)));
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

    private static void CreateFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot create the output folder '{path}': {e.Message}", e);
        }
    }

    private static async IAsyncEnumerable<FetchResult> Results(IAsyncEnumerable<WorkResult<FetchRequest, FetchResult>> results)
    {
        await foreach (var result in results.ConfigureAwait(false))
        {
            // FetchOneAsync turns every expected failure into a result; anything else is a bug, reported, not thrown.
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

    private async ValueTask<FetchResult> FetchOneAsync(WorkItem<FetchRequest> item, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var started = time.GetTimestamp();
        var request = item.Value;
        if (request.Problem is { } given)
        {
            return Unusable(item.Index, request, given);
        }

        if (!RequestUrl.TryParse(request.Url, options.Netrc, out var url, out var authorization, out var problem))
        {
            return Unusable(item.Index, request, problem);
        }

        List<Source> sources = [new(url, authorization, UrlRedactor.Redact(request.Url))];
        foreach (var mirror in request.Mirrors)
        {
            if (!RequestUrl.TryParse(mirror, options.Netrc, out var mirrorUrl, out var mirrorAuthorization, out var mirrorProblem))
            {
                return Unusable(item.Index, request, $"mirror {mirrorProblem}");
            }

            sources.Add(new Source(mirrorUrl, mirrorAuthorization, UrlRedactor.Redact(mirror)));
        }

        using var job = new DownloadJob(item.Index, request, url, authorization)
        {
            Sources = sources,
            Bandwidth = options.RateLimitPerDownload is { } rate ? new Bandwidth(rate, options.TimeProvider) : null,
            Known = validators?.For(UrlRedactor.Redact(request.Url), output.Directory),
        };
        if (request.Sha256 is not null || options.ComputeSha256)
        {
            job.Hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }

        reporter.Waiting(job);
        FetchResult result;
        try
        {
            if (options.CheckOnly || !SkipWithoutAsking(job))
            {
                if (!options.CheckOnly)
                {
                    await ResumeFromPartAsync(job, cancellationToken).ConfigureAwait(false);
                }

                await RunAttemptsAsync(job, cancellationToken).ConfigureAwait(false);
            }

            result = Finish(job, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = Ended(job, FetchStatus.Canceled, time.GetElapsedTime(started), error: "interrupted", path: job.PartPath);
        }
        catch (Exception e)
        {
            DiscardPartUnlessResumable(job);
            var error = UrlRedactor.RedactText(FailureText(e));
            result = Ended(job, FetchStatus.Failed, time.GetElapsedTime(started), error, path: null);
        }

        if (result.Status != FetchStatus.Downloaded && job.FinalPath is not null)
        {
            output.Release(job.FinalPath);
        }

        reporter.Ended(job, result);
        return result;
    }

    private async Task RunAttemptsAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        // Most downloads succeed at the first attempt: that one runs directly, and Polly's retry takes over only
        // once an attempt has failed, starting from that failure (its backoff, or the server's Retry-After).
        TransientFetchException firstFailure;
        try
        {
            await attempt.RunAsync(job, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (TransientFetchException e) when (options.Retries > 0)
        {
            firstFailure = e;
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(JobKey, job);
        try
        {
            await retry.Value.ExecuteAsync(
                static (context, retrying) => retrying.NextAsync(context.CancellationToken),
                context,
                new Retrying(attempt, job, firstFailure)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>With --on-exists skip, a file already saved under the name the URL gives is left without a request.</summary>
    private bool SkipWithoutAsking(DownloadJob job)
    {
        if (options.OnExists != ExistingFile.Skip
            || (FileNames.Sanitize(job.Request.OutName) ?? FileNames.FromUrl(job.Url)) is not { } name
            || !File.Exists(Path.Combine(output.Directory, name)))
        {
            return false;
        }

        job.Name = name;
        job.SkippedPath = Path.Combine(output.Directory, name);
        return true;
    }

    /// <summary>With --continue, picks up the <c>.part</c> an earlier run left under the name the URL gives.</summary>
    private async Task ResumeFromPartAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        if (!options.Continue)
        {
            return;
        }

        var name = FileNames.Sanitize(job.Request.OutName) ?? FileNames.FromUrl(job.Url) ?? FileNames.Fallback;
        var part = Path.Combine(output.Directory, name) + OutputFiles.PartSuffix;
        if (!File.Exists(part))
        {
            return;
        }

        job.Name = name;
        job.FinalPath = output.ReserveForResume(name);
        job.PartPath = part;
        if (Segments.Load(part) is { } plan)
        {
            // A split download: its plan says which ranges are written; each connection resumes one left.
            job.Plan = plan;
            job.Written = plan.Done;
            job.Total = plan.Length;
            job.Validator = plan.Validator;
            job.Sources[0].Validator = plan.Validator;
            return;
        }

        var stream = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        await using (stream.ConfigureAwait(false))
        {
            job.Written = stream.Length;
            if (job.Hash is not null)
            {
                // The checksum covers the whole body: hash what the earlier run wrote.
                var buffer = new byte[128 * 1024];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    job.Hash.AppendData(buffer, 0, read);
                }
            }
        }
    }

    private FetchResult Finish(DownloadJob job, TimeSpan duration)
    {
        if (job.UpToDatePath is not null)
        {
            return Ended(job, FetchStatus.UpToDate, duration, error: null, path: job.UpToDatePath);
        }

        if (job.SkippedPath is not null)
        {
            return Ended(job, FetchStatus.Skipped, duration, error: null, path: job.SkippedPath);
        }

        if (options.CheckOnly)
        {
            return Ended(job, FetchStatus.Checked, duration, error: null, path: null);
        }

        var sha256 = job.Hash is null ? null : Convert.ToHexStringLower(job.Hash.GetCurrentHash());
        if (job.Request.Sha256 is { } expected && sha256 != expected)
        {
            File.Delete(job.PartPath!);
            return Ended(job, FetchStatus.Failed, duration, $"sha256 mismatch: expected {expected}, got {sha256}; nothing kept", path: null) with { Sha256 = sha256 };
        }

        var path = output.Commit(job.PartPath!, job.FinalPath!);
        if (validators is not null)
        {
            // As wget -N: the file carries the server's time, and the next run asks whether it changed since.
            if (job.LastModified is { } modified)
            {
                File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
            }

            validators.Keep(job.RedactedUrl, new Validators.Entry(Path.GetFileName(path), job.ETag, job.LastModified));
        }

        return Ended(job, FetchStatus.Downloaded, duration, error: null, path) with { Sha256 = sha256 };
    }

    private static FetchResult Unusable(long index, FetchRequest request, string problem) =>
        new(index, request.Line, UrlRedactor.Redact(request.Url), null, FetchStatus.Failed, null, 0, TimeSpan.Zero, 0, null, null, problem);

    private static FetchResult Ended(DownloadJob job, FetchStatus status, TimeSpan duration, string? error, string? path) => new(
        job.Index,
        job.Request.Line,
        job.RedactedUrl,
        job.FinalUrl is null ? null : UrlRedactor.Redact(job.FinalUrl.ToString()),
        status,
        job.HttpStatus,
        job.Written,
        duration,
        job.Attempts,
        path,
        null,
        error)
    {
        Connections = job.Connections,
        Mirrors = job.Sources.Count > 1 ? [.. job.Sources.Select(s => new MirrorUse(s.RedactedUrl, s.Bytes, s.Dropped))] : [],
    };

    /// <summary>A <c>.part</c> is kept only when a connection problem cut a body short: --continue can finish it.</summary>
    private static void DiscardPartUnlessResumable(DownloadJob job)
    {
        if (job.PartPath is not null && (job.RefusedByServer || job.Written == 0) && File.Exists(job.PartPath))
        {
            File.Delete(job.PartPath);
            Segments.Forget(job.PartPath);
        }
    }

    private static string FailureText(Exception e) => e is WorkItemException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    /// <summary>A range of a split download is retried on its own: the download goes on meanwhile.</summary>
    private static ValueTask OnRangeRetryAsync(OnRetryArguments<object> arguments) => ValueTask.CompletedTask;

    private ValueTask OnRetryAsync(OnRetryArguments<object> arguments)
    {
        if (arguments.Context.Properties.TryGetValue(JobKey, out var job))
        {
            reporter.Retrying(job, arguments.RetryDelay, arguments.Outcome.Exception?.Message);
        }

        return ValueTask.CompletedTask;
    }
}
