namespace Atelier.Work;

internal sealed partial class WorkBatch<TItem, TResult>
{
    // Counts are kept only for a progress listener: without one, the hot path touches no shared counter.
    private void OnQueued(long index)
    {
        if (progress is null)
        {
            return;
        }

        Interlocked.Increment(ref queued);
        Report(index, WorkItemState.Queued, null);
    }

    private void OnStarted(long index, bool wasQueued)
    {
        if (progress is null)
        {
            return;
        }

        if (wasQueued)
        {
            Interlocked.Decrement(ref queued);
        }

        Interlocked.Increment(ref running);
        Report(index, WorkItemState.Running, null);
    }

    private void OnEnded(long index, WorkStatus status)
    {
        if (progress is null)
        {
            return;
        }

        Interlocked.Decrement(ref running);
        var state = status switch
        {
            WorkStatus.Succeeded => WorkItemState.Succeeded,
            WorkStatus.Failed => WorkItemState.Failed,
            _ => WorkItemState.Canceled,
        };
        Interlocked.Increment(ref state == WorkItemState.Succeeded ? ref succeeded : ref state == WorkItemState.Failed ? ref failed : ref canceled);
        Report(index, state, null);
    }

    private void Report(long index, WorkItemState state, double? percent) =>
        progress?.Report(new WorkProgress(index, state, percent, Snapshot()));

    private WorkCounts Snapshot() => new(
        Volatile.Read(ref queued),
        Volatile.Read(ref running),
        Volatile.Read(ref succeeded),
        Volatile.Read(ref failed),
        Volatile.Read(ref canceled));
}
