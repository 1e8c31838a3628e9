using System.Runtime.CompilerServices;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>
/// Puts a run's jobs on a queue's stream and collects their results as workers post them: the same results a local
/// <see cref="JobRunner"/> yields, each job's once even when a job ran twice.
/// </summary>
/// <remarks>
/// <para>At most <see cref="QueueProducerOptions.Window"/> jobs are on the stream at a time; the input is read as
/// results come back. Results come in input order with <see cref="Work.WorkPoolOptions.PreserveOrder"/>.</para>
/// <para>Cancelling stops the run everywhere: its jobs still waiting are deleted from the stream, the run is marked
/// stopped (so no worker starts a job of it from any copy, a handed-back one say) and announced on the stop channel
/// (so workers stop its running jobs); then the sequence yields what the running jobs say for up to
/// <see cref="QueueProducerOptions.StopWait"/>, and ends. <see cref="Interruption"/> says what was stopped how.
/// <see cref="JobRunnerOptions.Timeout"/> and <see cref="JobRunnerOptions.Attempts"/> travel with each job; the
/// options of starting and halting do not apply.</para>
/// </remarks>
public sealed class QueueProducer(QueueAddress address, JobRunnerOptions? options = null, QueueProducerOptions? queue = null)
{
    private readonly JobRunnerOptions options = options ?? new JobRunnerOptions();
    private readonly QueueProducerOptions queue = queue ?? new QueueProducerOptions();

    /// <summary>How the last run was stopped, when it was interrupted with jobs on the queue; null otherwise.</summary>
    public QueueInterruption? Interruption { get; private set; }

    /// <summary>Results of the last run that did not carry the secret's signature, and were ignored; 0 without a secret.</summary>
    public int Unverified { get; private set; }

    /// <summary>Runs one job per item of <paramref name="inputs"/> on the queue's workers.</summary>
    /// <exception cref="AtelierException">Redis cannot be reached.</exception>
    public IAsyncEnumerable<JobResult> RunAsync(CommandTemplate template, IEnumerable<IReadOnlyList<string>> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(inputs);
        return RunAsync(inputs.Select((values, index) => template.CreateJob(values, index + 1, 1)), cancellationToken);
    }

    /// <summary>
    /// Runs one job per block (<c>--pipe</c>, <c>--pipe-part</c>) on the queue's workers: each block travels in its
    /// job's entry, so at most <see cref="QueueProducerOptions.Window"/> blocks are on the stream at a time.
    /// </summary>
    /// <exception cref="AtelierException">Redis cannot be reached.</exception>
    public IAsyncEnumerable<JobResult> RunAsync(CommandTemplate template, IEnumerable<Pipes.JobInput> blocks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(blocks);
        return RunAsync(blocks.Select((block, index) => template.CreateJob([], index + 1, 1, block)), cancellationToken);
    }

    private async IAsyncEnumerable<JobResult> RunAsync(IEnumerable<Job> jobs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = await RedisConnection.ConnectAsync(address).ConfigureAwait(false);
        var database = connection.GetDatabase();
        var retry = RedisRetry.Create(options.TimeProvider);
        var keys = new QueueKeys(address.Name);
        var signer = queue.Secret is { } secret ? new QueueSigner(secret) : null;
        var run = Guid.NewGuid().ToString("N")[..12];
        var resultsKey = keys.Results(run);
        try
        {
            await retry.RunAsync(async () =>
            {
                await RedisConnection.EnsureGroupAsync(database, keys).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted before any job was sent: nothing to stop.
            yield break;
        }

        var outstanding = new Dictionary<long, (Job Job, RedisValue Entry)>();
        var ordered = new SortedDictionary<long, JobResult>();
        var ready = new List<JobResult>();
        long next = 1;
        RedisValue lastResult = "0-0";
        using var values = jobs.GetEnumerator();
        var inputEnded = false;
        var stopped = false;
        HashSet<long>? held = null;
        int stoppedJobs = 0, refused = 0;
        Interruption = null;
        Unverified = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                while (!inputEnded && outstanding.Count < queue.Window)
                {
                    if (!values.MoveNext())
                    {
                        inputEnded = true;
                        break;
                    }

                    var job = values.Current;
                    if (options.Skip?.Invoke(job) == true)
                    {
                        Deliver(new JobResult(job, JobStatus.Skipped));
                        continue;
                    }

                    NameValueEntry[] message;
                    using (job.Input)
                    {
                        message = QueueMessages.Job($"{run}:{job.Sequence}", job, resultsKey, options.Timeout, options.Attempts, job.Input?.ToArray(), options.TimeProvider.GetUtcNow());
                    }

                    if (signer is not null)
                    {
                        message = signer.Sign("job", keys.Jobs, message);
                    }

                    // Not cancelled midway: an XADD that went through must be known, or nothing could take it back.
                    var entry = await retry.RunAsync(() => database.StreamAddAsync(keys.Jobs, message), CancellationToken.None).ConfigureAwait(false);
                    outstanding[job.Sequence] = (job, entry);
                }

                var results = outstanding.Count == 0 ? 0 : await ReadResultsAsync().ConfigureAwait(false);
                foreach (var result in ready)
                {
                    yield return result;
                }

                ready.Clear();
                if (inputEnded && outstanding.Count == 0)
                {
                    yield break;
                }

                if (results == 0)
                {
                    try
                    {
                        await Task.Delay(queue.PollInterval, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }

            if (outstanding.Count == 0)
            {
                yield break;
            }

            // Interrupted: nothing of the run starts anywhere from now on; the running jobs say how they ended.
            var waiting = outstanding.Count;
            held = await StopAsync().ConfigureAwait(false);
            stopped = true;
            var deadline = options.TimeProvider.GetTimestamp();
            while (outstanding.Keys.Any(held.Contains) && options.TimeProvider.GetElapsedTime(deadline) < queue.StopWait)
            {
                if (await ReadResultsAsync().ConfigureAwait(false) == 0)
                {
                    await Task.Delay(queue.PollInterval, options.TimeProvider, CancellationToken.None).ConfigureAwait(false);
                }

                foreach (var result in ready)
                {
                    yield return result;
                }

                ready.Clear();
            }

            // What waited in order behind a job that will never report comes out now, in order.
            foreach (var result in ordered.Values)
            {
                yield return result;
            }

            ordered.Clear();
            Interruption = new QueueInterruption(waiting - held.Count + refused, stoppedJobs, outstanding.Keys.Count(held.Contains));
        }
        finally
        {
            // The caller stopped reading early: stop the run all the same, without waiting. Then drop the results.
            if (!stopped && outstanding.Count > 0)
            {
                await StopAsync().ConfigureAwait(false);
            }

            await retry.RunAsync(() => database.KeyDeleteAsync(resultsKey), CancellationToken.None).ConfigureAwait(false);
        }

        // Reads what came on the results stream, delivers each job's first result; returns how many entries came.
        // Never cancelled midway, so an interrupted run always goes on to stop its jobs.
        async Task<int> ReadResultsAsync()
        {
            var after = lastResult;
            var results = await retry.RunAsync(() => database.StreamReadAsync(resultsKey, after, 256), CancellationToken.None).ConfigureAwait(false);
            foreach (var result in results)
            {
                lastResult = result.Id;
                if (signer is not null && !signer.Verifies("result", resultsKey, result))
                {
                    // Not from a worker that holds the secret: a forgery, or a worker started without --queue-secret.
                    Unverified++;
                    queue.Warnings?.Report($"ignored a result for job {(string?)result["id"]} from {(string?)result["worker"] ?? "an unnamed worker"}: {(result["reason"].IsNullOrEmpty ? "its signature does not verify (is that worker without the secret?)" : (string?)result["reason"])}");
                    continue;
                }

                // A job a dead worker held may have run again elsewhere: the first result counts.
                var sequence = QueueMessages.SequenceOf(result);
                if (outstanding.Remove(sequence, out var sent))
                {
                    var delivered = QueueMessages.ReadResult(result, sent.Job, options.OutputBufferSize, options.TemporaryDirectory);
                    if (delivered.Status == JobStatus.Killed && held?.Contains(sequence) == true)
                    {
                        // A worker took it as the run stopped and refused it: as good as taken off, and not a result.
                        if (delivered.Reason == QueueMessages.Refused)
                        {
                            refused++;
                            delivered.Dispose();
                            continue;
                        }

                        stoppedJobs++;
                    }

                    Deliver(delivered);
                }
            }

            return results.Length;
        }

        // Marks the run stopped, deletes its waiting entries, and only then tells the workers (a job they stop would
        // free a slot for a waiting one); returns the jobs that will answer: those a worker holds, and those already
        // off the stream (finished, or handed back: refused when taken).
        async Task<HashSet<long>> StopAsync()
        {
            await retry.RunAsync(() => database.StringSetAsync(keys.Stopped(run), 1, TimeSpan.FromDays(1)), CancellationToken.None).ConfigureAwait(false);
            var answering = (await retry.RunAsync(TakeOffAsync, CancellationToken.None).ConfigureAwait(false)).Where(e => !e.TakenOff).Select(e => e.Sequence);
            var stop = signer?.SignStop(keys.Jobs, run) ?? run;
            await retry.RunAsync(() => database.PublishAsync(RedisChannel.Literal(keys.StopChannel), stop), CancellationToken.None).ConfigureAwait(false);
            return [.. answering];
        }

        // In one transaction, as workers acknowledge (and delete) entries meanwhile: for each entry, whether a worker
        // holds it, then delete it. Taken off are the ones deleted here that no worker held.
        async Task<(long Sequence, bool TakenOff)[]> TakeOffAsync()
        {
            var transaction = database.CreateTransaction();
            var entries = outstanding.Select(o => (
                Sequence: o.Key,
                Held: transaction.StreamPendingMessagesAsync(keys.Jobs, QueueKeys.Group, 1, RedisValue.Null, o.Value.Entry, o.Value.Entry),
                Deleted: transaction.StreamDeleteAsync(keys.Jobs, [o.Value.Entry]))).ToList();
            await transaction.ExecuteAsync().ConfigureAwait(false);
            var answers = new (long, bool)[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                answers[i] = (entries[i].Sequence, (await entries[i].Held.ConfigureAwait(false)).Length == 0 && await entries[i].Deleted.ConfigureAwait(false) == 1);
            }

            return answers;
        }

        void Deliver(JobResult result)
        {
            if (!options.PreserveOrder)
            {
                ready.Add(result);
                return;
            }

            ordered[result.Job.Sequence] = result;
            while (ordered.Remove(next, out var inOrder))
            {
                ready.Add(inOrder);
                next++;
            }
        }
    }
}
