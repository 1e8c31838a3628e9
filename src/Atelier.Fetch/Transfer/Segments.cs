using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using Atelier.Work;
using Microsoft.Win32.SafeHandles;
using Polly;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// One file over several connections at once, each fetching its own range into the same <c>.part</c> file
/// (positional writes), spread over the file's sources; a connection that frees up takes over half of the range with
/// the most left. Which ranges are written is saved beside the <c>.part</c> once a second and when the download
/// stops, so that <c>--continue</c> resumes every range.
/// </summary>
/// <remarks>
/// Every request after the first carries If-Range with what its source said identifies the body: a body that changed
/// mid-way, a source that ignores ranges or serves another length is dropped while other sources remain, and when none
/// does the file starts again from its first byte. A file is never made of two versions.
/// </remarks>
internal sealed class Segments(HttpClient client, FetchOptions options, HostLimiter hosts, TransferReporter reporter, Bandwidth? bandwidth, Watchdogs watchdogs, Lazy<ResiliencePipeline> retry)
{
    /// <summary>The suffix of the file beside <c>NAME.part</c> that records which of its ranges are written.</summary>
    public const string PlanSuffix = ".segments";

    private const int BufferSize = 256 * 1024;

    /// <summary>How long received bytes may wait in memory before they are written.</summary>
    private static readonly TimeSpan GatherAtMost = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the plan is saved while the download runs.</summary>
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(1);

    /// <summary>How many connections the file may use: the split asked for, and at least one per source.</summary>
    public int ConnectionsFor(DownloadJob job) => Math.Max(options.Split, job.Sources.Count);

    /// <summary>Whether the first request asks for a range (<c>bytes=0-</c>), to learn whether the file can be split.</summary>
    public bool MaySplit(DownloadJob job) => !options.CheckOnly && ConnectionsFor(job) > 1;

    /// <summary>Whether the answer to that first request lets the file be split: 206, with a length worth splitting.</summary>
    public bool CanSplit(DownloadJob job, HttpResponseMessage response) =>
        MaySplit(job)
        && response.StatusCode == HttpStatusCode.PartialContent
        && response.Content.Headers.ContentRange is { From: 0, Length: { } length }
        && length >= 2 * options.MinSplitSize;

    /// <summary>Downloads the file split, the first request's body being the first range's connection.</summary>
    /// <remarks>The first request's host slot is given up when its connection ends, for the other connections to use.</remarks>
    public async Task RunAsync(DownloadJob job, Source source, HttpResponseMessage response, IDisposable slot, CancellationToken cancellationToken)
    {
        var plan = SegmentPlan.Start(job.Total!.Value, job.Validator, out var first);
        job.Plan = plan;
        await RunPlanAsync(job, plan, (file, run, stop) => FirstConnectionAsync(job, plan, first, source, response, slot, file, run, stop), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries on with the ranges a split download has left (resumed with --continue, or after a retry).</summary>
    public Task ContinueAsync(DownloadJob job, CancellationToken cancellationToken) => RunPlanAsync(job, job.Plan!, first: null, cancellationToken);

    /// <summary>The plan saved beside a <c>.part</c> file; null if there is none or it cannot be read.</summary>
    public static SegmentPlan? Load(string partPath)
    {
        try
        {
            using var reader = new StreamReader(partPath + PlanSuffix);
            return SegmentPlan.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the plan saved beside a <c>.part</c> file, if any.</summary>
    public static void Forget(string partPath) => File.Delete(partPath + PlanSuffix);

    private async Task RunPlanAsync(DownloadJob job, SegmentPlan plan, Func<SafeFileHandle, SplitRun, CancellationToken, Task>? first, CancellationToken cancellationToken)
    {
        using var file = LocalFileException.Guard(job.PartPath!, () =>
            File.OpenHandle(job.PartPath!, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read));

        // The plan is on disk before any byte lands past the start: a .part without one is never taken for a prefix.
        // The file has the body's length from the start (an earlier version's longer .part is cut to it).
        Save(job, plan);
        LocalFileException.Guard(job.PartPath!, () =>
        {
            RandomAccess.SetLength(file, plan.Length);
            return true;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new SplitRun(stop);
        var connections = new List<Task>();
        if (first is not null)
        {
            connections.Add(first(file, run, stop.Token));
        }

        for (var connection = connections.Count; connection < ConnectionsFor(job); connection++)
        {
            connections.Add(ConnectionAsync(job, plan, connection, file, run, stop.Token));
        }

        var saving = SaveEverySecondAsync(job, plan, stop.Token);
        var restart = false;
        try
        {
            await Task.WhenAll(connections).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (run.Fatal is { } fatal)
            {
                restart = fatal is BodyChangedException;
                throw restart ? new TransientFetchException($"{fatal.Message}; starting the file again", TimeSpan.Zero, fatal) : fatal;
            }

            if (!plan.Complete)
            {
                throw run.Transient ?? new TransientFetchException($"{plan.Length - plan.Done:N0} bytes still missing");
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await saving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            job.Written = plan.Done;
            if (restart)
            {
                // Never a file of two versions: the next attempt asks for it whole and writes it from the start.
                job.Plan = null;
                job.Written = 0;
                job.RestartHash();
                Forget(job.PartPath!);
            }
            else if (!plan.Complete)
            {
                TrySave(job, plan);
            }
        }

        job.Connections = plan.MostOwned;
        Forget(job.PartPath!);
        if (job.Hash is not null)
        {
            await HashAsync(job, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first request's connection: its body is the start of the file, until another connection's range begins.</summary>
    private async Task FirstConnectionAsync(
        DownloadJob job, SegmentPlan plan, SegmentPlan.Segment segment, Source source, HttpResponseMessage response, IDisposable slot, SafeFileHandle file, SplitRun run, CancellationToken cancellationToken)
    {
        using var watchdog = watchdogs.Start(cancellationToken);
        try
        {
            await CopyAsync(job, plan, segment, source, response, file, watchdog).ConfigureAwait(false);
            run.FinishIfComplete(plan);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (Attempt.Classify(e, watchdog, options) is TransientFetchException transient)
        {
            // The other connections take over what is left of its range.
            run.Add(transient);
        }
        catch (Exception e)
        {
            run.Add(e);
        }
        finally
        {
            plan.Release(segment);
            slot.Dispose();
        }
    }

    /// <summary>One connection: takes ranges until none is left, each fetched with Polly's retries.</summary>
    private async Task ConnectionAsync(DownloadJob job, SegmentPlan plan, int connection, SafeFileHandle file, SplitRun run, CancellationToken cancellationToken)
    {
        try
        {
            while (await retry.Value.ExecuteAsync(
                static (state, token) => state.Self.NextRangeAsync(state.Job, state.Plan, state.Connection, state.File, state.Run, token),
                (Self: this, Job: job, Plan: plan, Connection: connection, File: file, Run: run),
                cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (TransientFetchException e)
        {
            // Retries spent: the range is left for the others, and for the next attempt if none takes it.
            run.Add(e);
        }
        catch (Exception e)
        {
            run.Add(e);
        }
    }

    /// <summary>Fetches one range from a source; false when no range is left to take.</summary>
    private async ValueTask<bool> NextRangeAsync(DownloadJob job, SegmentPlan plan, int connection, SafeFileHandle file, SplitRun run, CancellationToken cancellationToken)
    {
        while (true)
        {
            var source = job.SourceFor(connection);
            using var slot = await hosts.EnterAsync(source.Url, cancellationToken).ConfigureAwait(false);
            if (plan.Claim(options.MinSplitSize) is not { } segment)
            {
                return false;
            }

            try
            {
                await FetchRangeAsync(job, plan, segment, source, file, cancellationToken).ConfigureAwait(false);
                run.FinishIfComplete(plan);
                return true;
            }
            catch (SourceFailedException e) when (job.TryDrop(source, e.Message))
            {
                // Another source takes the range at once.
            }
            catch (SourceFailedException e)
            {
                // The last source: its failure is the file's.
                ExceptionDispatchInfo.Throw(e.InnerException!);
                throw;
            }
            finally
            {
                plan.Release(segment);
            }
        }
    }

    private async Task FetchRangeAsync(DownloadJob job, SegmentPlan plan, SegmentPlan.Segment segment, Source source, SafeFileHandle file, CancellationToken cancellationToken)
    {
        job.CountAttempt();
        var from = segment.Next;
        using var watchdog = watchdogs.Start(cancellationToken);
        var receiving = false;
        try
        {
            using var request = Attempt.NewRequest(source);
            request.Headers.Range = new RangeHeaderValue(from, plan.LastByte(segment));
            request.Headers.IfRange = source.Validator;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
            job.HttpStatus = (int)response.StatusCode;
            Attempt.EnsureUsable(job, response, options.TimeProvider);
            EnsureSameFile(plan, source, response, from);
            receiving = true;
            await CopyAsync(job, plan, segment, source, response, file, watchdog).ConfigureAwait(false);
            if (plan.HasLeft(segment))
            {
                throw new TransientFetchException($"the connection closed at byte {segment.Next:N0} of the range {from:N0}-{plan.LastByte(segment):N0}");
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not LocalFileException)
        {
            var failure = Attempt.Classify(e, watchdog, options);
            if (!receiving)
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

    /// <summary>The answer is the asked range of the same file, or the source is not serving this file (any more).</summary>
    private static void EnsureSameFile(SegmentPlan plan, Source source, HttpResponseMessage response, long from)
    {
        var range = response.Content.Headers.ContentRange;
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            throw new BodyChangedException(source.Validator is null
                ? $"{source.RedactedUrl} ignored the range request"
                : $"{source.RedactedUrl} changed during the download (If-Range answered with the whole body)");
        }

        if (range?.Length != plan.Length || range.From != from)
        {
            throw new BodyChangedException(
                $"{source.RedactedUrl} served {(range?.Length is { } length ? $"a file of {length:N0} bytes" : "a range without a length")}, not the {plan.Length:N0} bytes of the others");
        }

        source.Validator ??= Attempt.ValidatorOf(response);
    }

    /// <summary>
    /// Streams a range's body into the file at the range's place, until the body ends or the range does (another
    /// connection may have taken its second half meanwhile). Reads gather as in a single download.
    /// </summary>
    private async Task CopyAsync(
        DownloadJob job, SegmentPlan plan, SegmentPlan.Segment segment, Source source, HttpResponseMessage response, SafeFileHandle file, Watchdog watchdog)
    {
        var body = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
        await using var bodyScope = body.ConfigureAwait(false);
        var time = options.TimeProvider;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var chunk = Math.Min(bandwidth?.Chunk ?? int.MaxValue, job.Bandwidth?.Chunk ?? int.MaxValue);
        var buffered = 0;
        var gatheringSince = 0L;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(buffered, Math.Min(buffer.Length - buffered, chunk)), watchdog.Token).ConfigureAwait(false);
                    if (read > 0 && (job.Bandwidth ?? bandwidth) is not null)
                    {
                        watchdog.Progressed();
                        await Attempt.TakeBandwidthAsync(job, bandwidth, read, watchdog.Token).ConfigureAwait(false);
                    }
                }
                catch
                {
                    Flush(job, plan, segment, source, file, buffer, buffered);
                    throw;
                }

                if (read > 0)
                {
                    watchdog.Progressed();
                    gatheringSince = buffered == 0 ? time.GetTimestamp() : gatheringSince;
                    buffered += read;
                    reporter.Received(job, read);
                }

                if (read == 0 || buffered == buffer.Length || time.GetElapsedTime(gatheringSince) >= GatherAtMost)
                {
                    var more = Flush(job, plan, segment, source, file, buffer, buffered);
                    buffered = 0;
                    if (!more)
                    {
                        return;
                    }
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

    /// <summary>Writes what the range still wants of the buffer; returns whether the range wants more.</summary>
    private static bool Flush(DownloadJob job, SegmentPlan plan, SegmentPlan.Segment segment, Source source, SafeFileHandle file, byte[] buffer, int count)
    {
        if (count == 0)
        {
            return plan.HasLeft(segment);
        }

        var (offset, taken) = plan.Take(segment, count);
        try
        {
            RandomAccess.Write(file, buffer.AsSpan(0, taken), offset);
        }
        catch (IOException e)
        {
            plan.Release(segment);
            throw new LocalFileException(job.PartPath!, e);
        }

        var complete = plan.Wrote(segment, taken);
        source.Served(taken);
        job.Written = plan.Done;
        return !complete && taken == count;
    }

    private async Task SaveEverySecondAsync(DownloadJob job, SegmentPlan plan, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(SaveEvery, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            TrySave(job, plan);
        }
    }

    /// <summary>Writes the plan beside the <c>.part</c> file whole (a new file renamed over the old).</summary>
    private static void Save(DownloadJob job, SegmentPlan plan)
    {
        var path = job.PartPath! + PlanSuffix;
        LocalFileException.Guard(path, () =>
        {
            var temporary = path + ".new";
            using (var writer = new StreamWriter(temporary))
            {
                plan.Save(writer);
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        });
    }

    /// <summary>Saves the plan if the disk lets it: a plan not saved costs only the ranges written since the last save.</summary>
    private static void TrySave(DownloadJob job, SegmentPlan plan)
    {
        try
        {
            Save(job, plan);
        }
        catch (LocalFileException)
        {
        }
    }

    /// <summary>A split file's bytes arrive out of order: its checksum is taken from the finished file.</summary>
    private static async Task HashAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        job.RestartHash();
        var stream = new FileStream(job.PartPath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    job.Hash!.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// The connections' common end: the first failure that ends the file stops the others, and so does the last byte
    /// (connections still waiting for a host slot have nothing left to take).
    /// </summary>
    private sealed class SplitRun(CancellationTokenSource stop)
    {
        public void FinishIfComplete(SegmentPlan plan)
        {
            if (plan.Complete)
            {
                stop.Cancel();
            }
        }

        private readonly Lock gate = new();

        public Exception? Fatal { get; private set; }

        public TransientFetchException? Transient { get; private set; }

        public void Add(Exception failure)
        {
            lock (gate)
            {
                if (failure is TransientFetchException transient)
                {
                    Transient ??= transient;
                    return;
                }

                Fatal ??= failure;
            }

            stop.Cancel();
        }
    }
}
