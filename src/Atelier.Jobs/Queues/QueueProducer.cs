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
/// <para>Cancelling deletes the run's jobs still on the stream (so no worker starts them) and ends the sequence.
/// <see cref="JobRunnerOptions.Timeout"/> and <see cref="JobRunnerOptions.Attempts"/> travel with each job; the
/// options of starting and halting do not apply.</para>
/// </remarks>
public sealed class QueueProducer(QueueAddress address, JobRunnerOptions? options = null, QueueProducerOptions? queue = null)
{
    private readonly JobRunnerOptions options = options ?? new JobRunnerOptions();
    private readonly QueueProducerOptions queue = queue ?? new QueueProducerOptions();

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
        var run = Guid.NewGuid().ToString("N")[..12];
        var resultsKey = keys.Results(run);
        await retry.RunAsync(async () =>
        {
            await RedisConnection.EnsureGroupAsync(database, keys).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        var outstanding = new Dictionary<long, (Job Job, RedisValue Entry)>();
        var ordered = new SortedDictionary<long, JobResult>();
        var ready = new List<JobResult>();
        long next = 1;
        RedisValue lastResult = "0-0";
        using var values = jobs.GetEnumerator();
        var inputEnded = false;
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
                        message = QueueMessages.Job($"{run}:{job.Sequence}", job, resultsKey, options.Timeout, options.Attempts, job.Input?.ToArray());
                    }

                    var entry = await retry.RunAsync(() => database.StreamAddAsync(keys.Jobs, message), cancellationToken).ConfigureAwait(false);
                    outstanding[job.Sequence] = (job, entry);
                }

                var after = lastResult;
                var results = outstanding.Count == 0 ? [] : await retry.RunAsync(() => database.StreamReadAsync(resultsKey, after, 256), cancellationToken).ConfigureAwait(false);
                foreach (var result in results)
                {
                    lastResult = result.Id;

                    // A job a dead worker held may have run again elsewhere: the first result counts.
                    if (outstanding.Remove(QueueMessages.SequenceOf(result), out var sent))
                    {
                        Deliver(QueueMessages.ReadResult(result, sent.Job, options.OutputBufferSize, options.TemporaryDirectory));
                    }
                }

                foreach (var result in ready)
                {
                    yield return result;
                }

                ready.Clear();
                if (inputEnded && outstanding.Count == 0)
                {
                    yield break;
                }

                if (results.Length == 0)
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
        }
        finally
        {
            // Interrupted (or the caller stopped reading): take back what no worker has started, drop the results.
            RedisValue[] unfinished = [.. outstanding.Values.Select(o => o.Entry)];
            if (unfinished.Length > 0)
            {
                await retry.RunAsync(() => database.StreamDeleteAsync(keys.Jobs, unfinished), CancellationToken.None).ConfigureAwait(false);
            }

            await retry.RunAsync(() => database.KeyDeleteAsync(resultsKey), CancellationToken.None).ConfigureAwait(false);
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
