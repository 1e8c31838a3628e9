namespace Atelier.Work;

/// <summary>How many items of a batch are in each state.</summary>
/// <param name="Queued">Items waiting in the queue.</param>
/// <param name="Running">Items a worker is running.</param>
/// <param name="Succeeded">Items that finished with a value.</param>
/// <param name="Failed">Items that finished with an exception.</param>
/// <param name="Canceled">Items stopped by cancellation while running.</param>
/// <remarks>
/// Each count is read atomically, the set is not: while workers run, a snapshot may show an item in
/// transit between two counts. Once the batch has ended the counts are exact.
/// </remarks>
public readonly record struct WorkCounts(long Queued, long Running, long Succeeded, long Failed, long Canceled)
{
    /// <summary>Items that have ended, whatever the outcome.</summary>
    public long Finished => Succeeded + Failed + Canceled;
}
