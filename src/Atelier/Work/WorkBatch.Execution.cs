namespace Atelier.Work;

internal sealed partial class WorkBatch<TItem, TResult>
{
    // Most handlers either complete synchronously (trivial or CPU-bound work) or really wait (I/O). Neither path takes
    // an async state machine of its own: the waiting one is awaited in the worker's loop.
    private ValueTask<TResult> Start(Job job, int slot, bool wasQueued, CancellationToken token, out Exception? thrown)
    {
        OnStarted(job.Index, wasQueued);
        thrown = null;
        try
        {
            return handler(new WorkItem<TItem>(job.Index, slot, job.Item, progress is null ? null : this), token);
        }
        catch (Exception e)
        {
            thrown = e;
            return default;
        }
    }

    private Executed Finish(Job job, int slot, ValueTask<TResult> pending, Exception? thrown, long started, CancellationToken token)
    {
        if (thrown is null)
        {
            try
            {
                return Succeed(job, slot, pending.Result, started, waited: false);
            }
            catch (Exception e)
            {
                thrown = e;
            }
        }

        return Fail(job, slot, thrown, started, waited: false, token);
    }

    private Executed Succeed(Job job, int slot, TResult value, long started, bool waited)
    {
        var ended = time.GetTimestamp();
        OnEnded(job.Index, WorkStatus.Succeeded);
        return new Executed(WorkResult<TItem, TResult>.Success(job.Index, slot, job.Item, value, time.GetElapsedTime(started, ended)), ended, waited);
    }

    private Executed Fail(Job job, int slot, Exception exception, long started, bool waited, CancellationToken token)
    {
        var ended = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(started, ended);
        if (exception is OperationCanceledException && token.IsCancellationRequested)
        {
            OnEnded(job.Index, WorkStatus.Canceled);
            return new Executed(WorkResult<TItem, TResult>.Cancellation(job.Index, slot, job.Item, exception, elapsed), ended, waited);
        }

        OnEnded(job.Index, WorkStatus.Failed);
        return new Executed(WorkResult<TItem, TResult>.Failure(job.Index, slot, job.Item, exception, elapsed), ended, waited);
    }
}
