using System.Threading.Channels;

namespace Atelier.Work;

internal sealed partial class WorkBatch<TItem, TResult>
{
    private async Task PumpAsync(Intake intake, ChannelWriter<WorkResult<TItem, TResult>>? results, ChannelWriter<ResultSlot>? order, Func<Task<Exception?>>? feed)
    {
        Exception? error = null;
        var feeding = feed is null ? Task.FromResult<Exception?>(null) : Task.Run(feed);
        var workers = new Task[options.MaxDegreeOfParallelism];
        for (var slot = 0; slot < workers.Length; slot++)
        {
            var workerSlot = slot;
            workers[slot] = Task.Run(() => WorkAsync(workerSlot, intake, results));
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);

            // Without cancellation the workers only stop once the feeder has completed the queue. After it, the
            // feeder may be stuck in a source that ignores the token: do not wait for it.
            if (!stop.IsCancellationRequested)
            {
                error = await feeding.ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // A source channel completed with an error, or a progress listener threw.
            error = e;
        }
        finally
        {
            intake.Close();
            order?.TryComplete(error);
            results?.TryComplete(error);
        }
    }

    private async Task<Exception?> FeedAsync(IAsyncEnumerable<TItem> source, ChannelWriter<Job> jobs, ChannelWriter<ResultSlot>? order)
    {
        var token = stop.Token;
        Exception? error = null;
        long index = 0;
        try
        {
            await foreach (var item in source.WithCancellation(token).ConfigureAwait(false))
            {
                ResultSlot? slot = null;
                if (order is not null)
                {
                    slot = new ResultSlot();
                    await order.WriteAsync(slot, token).ConfigureAwait(false);
                }

                OnQueued(index);
                var job = new Job(index++, item, slot);
                if (!jobs.TryWrite(job))
                {
                    try
                    {
                        await jobs.WriteAsync(job, token).ConfigureAwait(false);
                    }
                    catch
                    {
                        slot?.TrySetResult(null);
                        throw;
                    }
                }
            }
        }
        catch (Exception e) when (token.IsCancellationRequested && e is OperationCanceledException or ChannelClosedException)
        {
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            jobs.TryComplete();
            order?.TryComplete(error);
        }

        return error;
    }

    private async Task WorkAsync(int slot, Intake intake, ChannelWriter<WorkResult<TItem, TResult>>? results)
    {
        var token = stop.Token;
        try
        {
            while (await intake.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (!token.IsCancellationRequested && intake.TryRead(out var job))
                {
                    var result = await ExecuteAsync(job, slot, intake.CountsQueued, token).ConfigureAwait(false);
                    if (job.Slot is { } resultSlot)
                    {
                        resultSlot.TrySetResult(result);
                    }
                    else if (!results!.TryWrite(result))
                    {
                        await results.WriteAsync(result, abandon.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async ValueTask<WorkResult<TItem, TResult>> ExecuteAsync(Job job, int slot, bool wasQueued, CancellationToken token)
    {
        OnStarted(job.Index, wasQueued);
        var started = time.GetTimestamp();
        try
        {
            var item = new WorkItem<TItem>(job.Index, slot, job.Item, progress is null ? null : this);
            var value = await handler(item, token).ConfigureAwait(false);
            OnEnded(job.Index, WorkStatus.Succeeded);
            return WorkResult<TItem, TResult>.Success(job.Index, slot, job.Item, value, time.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            var elapsed = time.GetElapsedTime(started);
            if (e is OperationCanceledException && token.IsCancellationRequested)
            {
                OnEnded(job.Index, WorkStatus.Canceled);
                return WorkResult<TItem, TResult>.Cancellation(job.Index, slot, job.Item, e, elapsed);
            }

            OnEnded(job.Index, WorkStatus.Failed);
            return WorkResult<TItem, TResult>.Failure(job.Index, slot, job.Item, e, elapsed);
        }
    }
}
