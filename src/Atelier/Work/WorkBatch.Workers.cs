using System.Threading.Channels;

namespace Atelier.Work;

internal sealed partial class WorkBatch<TItem, TResult>
{
    private async Task PumpAsync(Intake intake, ChannelWriter<ArraySegment<WorkResult<TItem, TResult>>>? results, ChannelWriter<ResultSlot>? order, Func<Task<Exception?>>? feed)
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

        // The slot of the item between the two queues: if its job never reaches the work queue, nothing will
        // complete it, so the feeder does (null: never ran). That includes a cancelled write to the order queue:
        // under a race with a reader, the slot can land there although the write reports the cancellation.
        ResultSlot? unqueued = null;
        try
        {
            await foreach (var item in source.WithCancellation(token).ConfigureAwait(false))
            {
                if (order is not null)
                {
                    unqueued = new ResultSlot();
                    await order.WriteAsync(unqueued, token).ConfigureAwait(false);
                }

                OnQueued(index);
                var job = new Job(index++, item, unqueued);
                if (!jobs.TryWrite(job))
                {
                    await jobs.WriteAsync(job, token).ConfigureAwait(false);
                }

                unqueued = null;
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
            unqueued?.TrySetResult(null);
            jobs.TryComplete();
            order?.TryComplete(error);
        }

        return error;
    }

    private async Task WorkAsync(int slot, Intake intake, ChannelWriter<ArraySegment<WorkResult<TItem, TResult>>>? results)
    {
        var token = stop.Token;
        var buffer = new ResultBuffer();
        try
        {
            while (await intake.WaitToReadAsync(token).ConfigureAwait(false))
            {
                var started = time.GetTimestamp();
                while (!token.IsCancellationRequested && intake.TryRead(out var job))
                {
                    var pending = Start(job, slot, intake.CountsQueued, token, out var thrown);
                    Executed executed;
                    if (thrown is null && !pending.IsCompleted)
                    {
                        // The handler waits: nothing already finished may wait with it.
                        if (!buffer.IsEmpty)
                        {
                            await DeliverAsync(buffer, results!).ConfigureAwait(false);
                        }

                        // Awaited here, in the worker's own state machine: a method of its own would box one per item.
                        try
                        {
                            executed = Succeed(job, slot, await pending.ConfigureAwait(false), started, waited: true);
                        }
                        catch (Exception e)
                        {
                            executed = Fail(job, slot, e, started, waited: true, token);
                        }
                    }
                    else
                    {
                        executed = Finish(job, slot, pending, thrown, started, token);
                    }

                    started = executed.Ended;
                    if (job.Slot is { } resultSlot)
                    {
                        resultSlot.TrySetResult(executed.Result);
                        continue;
                    }

                    // Results go out in batches, so trivial items do not pay a queue operation each. A batch goes
                    // out when full, before and after any item that waits, after any that took real time, and
                    // whenever the queue is momentarily empty: only a long synchronous item can delay the
                    // trivial results just before it, and never by more than its own duration.
                    buffer.Add(executed.Result);
                    if (buffer.IsFull || executed.Waited || executed.Result.Elapsed >= TrivialItem)
                    {
                        await DeliverAsync(buffer, results!).ConfigureAwait(false);
                        started = time.GetTimestamp();
                    }
                }

                if (!buffer.IsEmpty)
                {
                    await DeliverAsync(buffer, results!).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }

        if (!buffer.IsEmpty)
        {
            await DeliverAsync(buffer, results!).ConfigureAwait(false);
        }
    }

    private async ValueTask DeliverAsync(ResultBuffer buffer, ChannelWriter<ArraySegment<WorkResult<TItem, TResult>>> results)
    {
        var batch = buffer.Take();
        if (results.TryWrite(batch))
        {
            return;
        }

        try
        {
            await results.WriteAsync(batch, abandon.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Nobody is reading any more.
        }
    }
}
