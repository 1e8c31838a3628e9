using System.Collections.Concurrent;
using System.Runtime.Versioning;
using System.Threading.Channels;
using Atelier.Jobs.Running;
using Atelier.Work;
using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>
/// Takes jobs from a queue's stream through its consumer group and runs them with the local runner (process
/// groups, timeouts, retries, output limits), posts each result to its run's results stream, then acknowledges it.
/// </summary>
/// <remarks>
/// <para>Jobs held longer than <see cref="QueueWorkerOptions.VisibilityTimeout"/> by a worker that stopped
/// answering are taken back (XAUTOCLAIM) and run here; one delivered more than
/// <see cref="QueueWorkerOptions.MaxDeliveries"/> times goes to the dead-letter stream, and its run gets a failed
/// result saying so. Delivery is at least once: a job may run twice, its run reports it once.</para>
/// <para>Cancelling stops taking jobs, stops the running ones and hands them back: each goes back on the stream
/// under its own id (and the taken entry is acknowledged, in one transaction), for another worker to take at once.</para>
/// <para>A run interrupted at its producer is announced on the queue's stop channel and marked for a day: its running
/// jobs here are stopped and reported so, and its jobs taken later (handed back by another worker, say) are reported
/// stopped without starting. An acknowledged entry is deleted too, so the stream holds only jobs waiting or running.</para>
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class QueueWorker
{
    /// <summary>The most reasons for unposted jobs the summary keeps.</summary>
    private const int MaxProblems = 20;

    /// <summary>The most interrupted runs remembered here; past it they are forgotten (Redis still marks them).</summary>
    private const int MaxStoppedRuns = 4096;

    /// <summary>How far ahead of this worker's clock a producer's may be.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly QueueAddress address;
    private readonly QueueWorkerOptions options;
    private readonly QueueKeys keys;
    private readonly ConcurrentDictionary<RedisValue, (QueuedJob Job, CancellationTokenSource Stop)> running = new();
    private readonly ConcurrentDictionary<string, bool> stoppedRuns = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim free;
    private readonly Polly.ResiliencePipeline retry;
    private readonly QueueSigner? signer;
    private readonly ConcurrentQueue<string> problems = new();
    private long succeeded, failed, deadLettered, handedBack, notPosted, stopped, refused;

    /// <summary>A worker for the queue at <paramref name="address"/>.</summary>
    public QueueWorker(QueueAddress address, QueueWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        this.address = address;
        this.options = options ?? new QueueWorkerOptions();
        keys = new QueueKeys(address.Name);
        retry = RedisRetry.Create(this.options.TimeProvider);
        signer = this.options.Secret is { } secret ? new QueueSigner(secret) : null;

        // One count per job slot: taken when a job is fetched, given back when it ends.
        free = new SemaphoreSlim(this.options.MaxDegreeOfParallelism, this.options.MaxDegreeOfParallelism);
    }

    /// <summary>Runs jobs until cancelled, or until the stream is drained with <see cref="QueueWorkerOptions.Once"/>.</summary>
    /// <exception cref="AtelierException">Redis cannot be reached.</exception>
    public async Task<QueueWorkerSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await RedisConnection.ConnectAsync(address).ConfigureAwait(false);
        var database = connection.GetDatabase();
        await retry.RunAsync(async () =>
        {
            await RedisConnection.EnsureGroupAsync(database, keys).ConfigureAwait(false);
            await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.StopChannel), (_, message) => StopMessage(message.ToString())).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        var taken = Channel.CreateBounded<QueuedJob>(new BoundedChannelOptions(options.MaxDegreeOfParallelism) { SingleWriter = true });
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var executors = new ConcurrentDictionary<(TimeSpan?, int), JobExecutor>();
        var fetching = FetchAsync(database, taken, cancellationToken);
        try
        {
            var pool = new WorkPoolOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, TimeProvider = options.TimeProvider };
            await foreach (var ended in WorkPool.RunAsync(taken.Reader, (item, _) => RunAsync(database, item.Value, item.Slot + 1, executors, kill.Token), pool, CancellationToken.None).ConfigureAwait(false))
            {
                if (!ended.Succeeded)
                {
                    // It ran (or was stopped) but its result or its hand-back never reached Redis: still pending under
                    // this worker, it goes to another one after the visibility timeout.
                    var queued = ended.Item;
                    Interlocked.Increment(ref notPosted);
                    if (problems.Count < MaxProblems)
                    {
                        problems.Enqueue($"{queued.Id} ({queued.Job.CommandLine}): {ended.Reason}");
                    }

                    options.Progress?.Report(new QueueJobEnded(queued.Id, queued.Job.CommandLine, QueueJobOutcome.NotPosted, ended.Reason, ended.Elapsed));
                }
            }

            await fetching.ConfigureAwait(false);
        }
        finally
        {
            foreach (var executor in executors.Values)
            {
                executor.Dispose();
            }
        }

        return new QueueWorkerSummary(succeeded, failed, deadLettered, handedBack, notPosted, [.. problems]) { Stopped = stopped, Refused = refused };
    }

    /// <summary>A stop on the channel: the run it names, when its signature verifies (with a secret; without, the run alone).</summary>
    private void StopMessage(string message)
    {
        if ((signer is null ? message.Split(' ')[0] : signer.VerifiedStop(keys.Jobs, message)) is { Length: > 0 } run)
        {
            Stop(run);
        }
    }

    /// <summary>A run was interrupted: its jobs running here stop, and none of it starts here from now on.</summary>
    private void Stop(string run)
    {
        if (stoppedRuns.Count >= MaxStoppedRuns)
        {
            stoppedRuns.Clear();
        }

        // Marked before looking at what runs, as a job is listed before it looks at the marks: either this sees the
        // job or the job sees the mark.
        stoppedRuns[run] = true;
        foreach (var (job, stop) in running.Values)
        {
            if (job.Run == run)
            {
                try
                {
                    stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // It ended meanwhile.
                }
            }
        }
    }

    private async ValueTask<bool> RunAsync(IDatabase database, QueuedJob queued, int slot, ConcurrentDictionary<(TimeSpan?, int), JobExecutor> executors, CancellationToken kill)
    {
        using var stop = new CancellationTokenSource();
        running[queued.EntryId] = (queued, stop);
        try
        {
            if (stoppedRuns.ContainsKey(queued.Run))
            {
                using var unstarted = new JobResult(queued.Job, JobStatus.Killed) { Reason = QueueMessages.Refused, Started = options.TimeProvider.GetUtcNow() };
                await PostAsync(database, queued, unstarted, counter: null).ConfigureAwait(false);
                Interlocked.Increment(ref stopped);
                options.Progress?.Report(new QueueJobEnded(queued.Id, queued.Job.CommandLine, QueueJobOutcome.Stopped, QueueMessages.Refused, TimeSpan.Zero));
                return true;
            }

            var executor = executors.GetOrAdd((queued.Timeout, queued.Attempts), limits => new JobExecutor(
                null,
                new JobRunnerOptions { Timeout = limits.Item1, Attempts = limits.Item2, OutputBufferSize = options.OutputBufferSize, KillGrace = options.KillGrace, TimeProvider = options.TimeProvider },
                static _ => { },
                kill));
            using var result = await executor.RunAsync(queued.Job, slot, stop.Token).ConfigureAwait(false);
            if (result.Status == JobStatus.Killed && stop.IsCancellationRequested)
            {
                // Its run was interrupted: it is over, whatever happens to this worker.
                await PostAsync(database, queued, result, counter: null).ConfigureAwait(false);
                Interlocked.Increment(ref stopped);
                options.Progress?.Report(new QueueJobEnded(queued.Id, queued.Job.CommandLine, QueueJobOutcome.Stopped, result.Reason, result.Runtime));
                return true;
            }

            if (result.Status == JobStatus.Killed)
            {
                await HandBackAsync(database, queued).ConfigureAwait(false);
                Interlocked.Increment(ref handedBack);
                options.Progress?.Report(new QueueJobEnded(queued.Id, queued.Job.CommandLine, QueueJobOutcome.HandedBack, "interrupted", result.Runtime));
                return false;
            }

            await PostAsync(database, queued, result, result.Succeeded ? keys.Succeeded : keys.Failed).ConfigureAwait(false);
            Interlocked.Increment(ref result.Succeeded ? ref succeeded : ref failed);
            options.Progress?.Report(new QueueJobEnded(
                queued.Id, queued.Job.CommandLine, result.Succeeded ? QueueJobOutcome.Succeeded : QueueJobOutcome.Failed, result.Reason, result.Runtime));
            return true;
        }
        finally
        {
            running.TryRemove(queued.EntryId, out _);
            free.Release();
        }
    }

    /// <summary>
    /// The result to its run's stream, the count (none for a stopped job), and only then the acknowledgement, with the
    /// entry's deletion: an acknowledged job has nothing left to say, and a stream of --pipe blocks would keep them all.
    /// </summary>
    private async Task PostAsync(IDatabase database, QueuedJob queued, JobResult result, RedisKey? counter)
    {
        var message = QueueMessages.Result(queued.Id, result, options.Name);
        if (signer is not null)
        {
            message = signer.Sign("result", queued.ResultsKey, message);
        }

        await retry.RunAsync(() => database.StreamAddAsync(queued.ResultsKey, message)).ConfigureAwait(false);

        // A run interrupted before this result arrived no longer reads its stream: let Redis drop it in a day.
        _ = database.KeyExpireAsync(queued.ResultsKey, TimeSpan.FromDays(1), flags: CommandFlags.FireAndForget);
        if (counter is { } key)
        {
            await retry.RunAsync(() => database.StringIncrementAsync(key)).ConfigureAwait(false);
        }

        await retry.RunAsync(() => AcknowledgeAsync(database, queued.EntryId)).ConfigureAwait(false);
    }

    /// <summary>Acknowledges a taken entry and deletes it, in one transaction.</summary>
    private async Task<bool> AcknowledgeAsync(IDatabase database, RedisValue entry)
    {
        var transaction = database.CreateTransaction();
        _ = transaction.StreamAcknowledgeAsync(keys.Jobs, QueueKeys.Group, entry);
        _ = transaction.StreamDeleteAsync(keys.Jobs, [entry]);
        return await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Puts an interrupted job back on the stream under its own id and acknowledges the entry this worker took, in one
    /// transaction: another worker takes it at once, and its run still reports it once.
    /// </summary>
    private async Task HandBackAsync(IDatabase database, QueuedJob queued)
    {
        await retry.RunAsync(async () =>
        {
            // As it came, signature and all; with a secret, whichever worker takes the new entry takes the job.
            var transaction = database.CreateTransaction();
            _ = transaction.StreamAddAsync(keys.Jobs, queued.Fields);
            _ = transaction.StreamAcknowledgeAsync(keys.Jobs, QueueKeys.Group, queued.EntryId);
            _ = transaction.StreamDeleteAsync(keys.Jobs, [queued.EntryId]);
            if (signer is not null)
            {
                _ = transaction.KeyDeleteAsync(keys.Taken(queued.Id));
            }

            return await transaction.ExecuteAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task FetchAsync(IDatabase database, Channel<QueuedJob> taken, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var lastRenewal = time.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Wait for a free slot (a job ending frees one at once), then take every other free one.
                await free.WaitAsync(cancellationToken).ConfigureAwait(false);
                var room = 1;
                while (free.Wait(0, CancellationToken.None))
                {
                    room++;
                }

                var fetched = await ReclaimAsync(database, taken.Writer, room, cancellationToken).ConfigureAwait(false);
                if (room > fetched)
                {
                    var wanted = room - fetched;
                    var entries = await retry.RunAsync(() => database.StreamReadGroupAsync(keys.Jobs, QueueKeys.Group, options.Name, StreamPosition.NewMessages, wanted), cancellationToken).ConfigureAwait(false);
                    await LearnStoppedRunsAsync(database, entries, cancellationToken).ConfigureAwait(false);
                    foreach (var entry in entries)
                    {
                        if (await AdmitAsync(database, entry).ConfigureAwait(false) is { } queued)
                        {
                            await taken.Writer.WriteAsync(queued, cancellationToken).ConfigureAwait(false);
                            fetched++;
                        }
                    }
                }

                if (room > fetched)
                {
                    free.Release(room - fetched);
                }

                if (time.GetElapsedTime(lastRenewal) >= options.VisibilityTimeout / 3)
                {
                    // Still alive: renew our running jobs so no one takes them (JUSTID does not count a delivery).
                    // The snapshot may be empty even when running was not a moment ago: XCLAIM wants at least one id.
                    RedisValue[] mine = [.. running.Keys];
                    if (mine.Length > 0)
                    {
                        await retry.RunAsync(() => database.StreamClaimIdsOnlyAsync(keys.Jobs, QueueKeys.Group, options.Name, 0, mine), cancellationToken).ConfigureAwait(false);
                    }

                    lastRenewal = time.GetTimestamp();
                }

                if (fetched == 0)
                {
                    if (options.Once && free.CurrentCount == options.MaxDegreeOfParallelism)
                    {
                        break;
                    }

                    await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            taken.Writer.TryComplete();
        }
    }

    /// <summary>Takes back jobs a silent worker held past the visibility timeout; sets aside those delivered too often.</summary>
    private async Task<int> ReclaimAsync(IDatabase database, ChannelWriter<QueuedJob> taken, int room, CancellationToken cancellationToken)
    {
        var claim = await retry.RunAsync(() => database.StreamAutoClaimAsync(keys.Jobs, QueueKeys.Group, options.Name, (long)options.VisibilityTimeout.TotalMilliseconds, "0-0", room), cancellationToken).ConfigureAwait(false);
        await LearnStoppedRunsAsync(database, claim.ClaimedEntries, cancellationToken).ConfigureAwait(false);
        var reclaimed = 0;
        foreach (var entry in claim.ClaimedEntries)
        {
            var pending = await retry.RunAsync(() => database.StreamPendingMessagesAsync(keys.Jobs, QueueKeys.Group, 1, options.Name, entry.Id, entry.Id), cancellationToken).ConfigureAwait(false);
            var deliveries = pending.Length == 0 ? 1 : pending[0].DeliveryCount;
            if (await AdmitAsync(database, entry).ConfigureAwait(false) is not { } queued)
            {
                continue;
            }

            if (deliveries > options.MaxDeliveries)
            {
                await DeadLetterAsync(database, queued, deliveries).ConfigureAwait(false);
                continue;
            }

            await taken.WriteAsync(queued, cancellationToken).ConfigureAwait(false);
            reclaimed++;
        }

        return reclaimed;
    }

    /// <summary>
    /// Asks Redis which runs of these entries were interrupted (once per run not already known), before any of them
    /// starts: the stop channel reaches only the jobs already running when it speaks.
    /// </summary>
    private async Task LearnStoppedRunsAsync(IDatabase database, StreamEntry[] entries, CancellationToken cancellationToken)
    {
        foreach (var run in entries.Select(e => QueueMessages.RunOf(e)).Distinct(StringComparer.Ordinal))
        {
            if (!stoppedRuns.ContainsKey(run) && await retry.RunAsync(() => database.KeyExistsAsync(keys.Stopped(run)), cancellationToken).ConfigureAwait(false))
            {
                Stop(run);
            }
        }
    }

    /// <summary>
    /// The job an entry holds, when it may run here; otherwise null, and the entry is refused: acknowledged, deleted and
    /// dead-lettered with the reason. Without a secret, any well-formed job may run. With one, only a job whose
    /// signature verifies, issued within <see cref="QueueWorkerOptions.MaxAge"/>, and taken from no other entry before
    /// (a copy of a job that ran, a replay, never runs again).
    /// </summary>
    private async Task<QueuedJob?> AdmitAsync(IDatabase database, StreamEntry entry)
    {
        var queued = QueueMessages.ReadJob(entry);
        if (signer is not null && !signer.Verifies("job", keys.Jobs, entry))
        {
            var unsigned = entry[QueueSigner.Field].IsNullOrEmpty;
            await RefuseAsync(database, entry, queued, unsigned ? "refused: it is not signed, and this worker runs only signed jobs (--queue-secret)" : "refused: its signature does not verify", answer: unsigned ? Answer.Unsigned : Answer.None).ConfigureAwait(false);
            return null;
        }

        if (queued is null)
        {
            await RefuseAsync(database, entry, null, "refused: not a job's entry (a field is missing or of the wrong kind)", Answer.None).ConfigureAwait(false);
            return null;
        }

        if (signer is null)
        {
            return queued;
        }

        var now = options.TimeProvider.GetUtcNow();
        if (queued.Issued is not { } issued || now - issued > options.MaxAge || issued - now > ClockSkew)
        {
            var age = queued.Issued is { } at ? $"issued {Describe(now - at)} ago" : "no issue time";
            await RefuseAsync(database, entry, queued, $"refused: {age}, past the queue's maximum age of {Describe(options.MaxAge)}", Answer.Signed).ConfigureAwait(false);
            return null;
        }

        // The first entry to take the job keeps it (again when a silent worker's entry is taken back); a copy does not.
        var first = await retry.RunAsync(() => database.StringSetAndGetAsync(keys.Taken(queued.Id), entry.Id, options.MaxAge + ClockSkew, when: When.NotExists)).ConfigureAwait(false);
        if (!first.IsNull && first != entry.Id)
        {
            await RefuseAsync(database, entry, queued, "refused: a copy of a job already taken from another entry (a replay)", Answer.None).ConfigureAwait(false);
            return null;
        }

        return queued;
    }

    /// <summary>"25 h", "3 min", "12 s".</summary>
    private static string Describe(TimeSpan span) => span.Duration() switch
    {
        { TotalHours: >= 1 } d => FormattableString.Invariant($"{d.TotalHours:0.#} h"),
        { TotalMinutes: >= 1 } d => FormattableString.Invariant($"{d.TotalMinutes:0.#} min"),
        var d => FormattableString.Invariant($"{d.TotalSeconds:0.#} s"),
    };

    /// <summary>Whether a refused job's run is told, and how.</summary>
    private enum Answer
    {
        /// <summary>Not told: the entry's results stream is not known to be its run's (forged, a copy, not a job).</summary>
        None,

        /// <summary>Told without a signature: an unsigned run reads it, a signed one ignores it; no signature is given for what a stranger wrote.</summary>
        Unsigned,

        /// <summary>Told with the signature: the entry itself verified.</summary>
        Signed,
    }

    /// <summary>
    /// Sets an entry aside without running it: to the dead-letter stream with the reason, acknowledged and deleted, in
    /// one transaction; its run is told as <paramref name="answer"/> says.
    /// </summary>
    private async Task RefuseAsync(IDatabase database, StreamEntry entry, QueuedJob? queued, string reason, Answer answer)
    {
        NameValueEntry[] letter = [new("id", entry["id"]), new("cmd", entry["cmd"]), new("entry", entry.Id), new("reason", reason)];
        await retry.RunAsync(async () =>
        {
            var transaction = database.CreateTransaction();
            _ = transaction.StreamAddAsync(keys.DeadLetters, letter);
            _ = transaction.StreamAcknowledgeAsync(keys.Jobs, QueueKeys.Group, entry.Id);
            _ = transaction.StreamDeleteAsync(keys.Jobs, [entry.Id]);
            return await transaction.ExecuteAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (answer != Answer.None && queued is not null)
        {
            using var result = new JobResult(queued.Job, JobStatus.Failed) { Reason = reason, Started = options.TimeProvider.GetUtcNow() };
            var message = QueueMessages.Result(queued.Id, result, options.Name);
            if (answer == Answer.Signed && signer is not null)
            {
                message = signer.Sign("result", queued.ResultsKey, message);
            }

            await retry.RunAsync(() => database.StreamAddAsync(queued.ResultsKey, message)).ConfigureAwait(false);
        }

        Interlocked.Increment(ref refused);
        if (problems.Count < MaxProblems)
        {
            problems.Enqueue($"{(string?)entry["id"] ?? entry.Id.ToString()} ({(string?)entry["cmd"]}): {reason}");
        }

        options.Progress?.Report(new QueueJobEnded((string?)entry["id"] ?? entry.Id.ToString(), (string?)entry["cmd"] ?? "", QueueJobOutcome.Refused, reason, TimeSpan.Zero));
    }

    private async Task DeadLetterAsync(IDatabase database, QueuedJob queued, int deliveries)
    {
        var reason = $"dead-lettered after {deliveries - 1} deliveries: each worker that took it stopped answering while it ran (see {keys.DeadLetters})";
        NameValueEntry[] letter = [new("id", queued.Id), new("cmd", queued.Job.CommandLine), new("deliveries", deliveries - 1), new("reason", reason)];
        await retry.RunAsync(() => database.StreamAddAsync(keys.DeadLetters, letter)).ConfigureAwait(false);
        using var result = new JobResult(queued.Job, JobStatus.Failed) { Reason = reason, Started = options.TimeProvider.GetUtcNow() };
        await PostAsync(database, queued, result, keys.Failed).ConfigureAwait(false);
        Interlocked.Increment(ref deadLettered);
        options.Progress?.Report(new QueueJobEnded(queued.Id, queued.Job.CommandLine, QueueJobOutcome.DeadLettered, reason, TimeSpan.Zero));
    }
}
