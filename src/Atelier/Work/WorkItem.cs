namespace Atelier.Work;

/// <summary>The item a handler is asked to process, with its position and the worker running it.</summary>
/// <typeparam name="TItem">The type of the input items.</typeparam>
public readonly struct WorkItem<TItem>
{
    private readonly IItemProgressSink? sink;

    internal WorkItem(long index, int slot, TItem value, IItemProgressSink? sink)
    {
        Index = index;
        Slot = slot;
        Value = value;
        this.sink = sink;
    }

    /// <summary>The item's position in the input, from 0.</summary>
    public long Index { get; }

    /// <summary>The worker running the item, from 0 to the degree of parallelism minus 1.</summary>
    /// <remarks>A slot runs one item at a time, so per-slot state needs no lock.</remarks>
    public int Slot { get; }

    /// <summary>The input item.</summary>
    public TItem Value { get; }

    /// <summary>Reports how far the item is, as a percentage from 0 to 100.</summary>
    /// <remarks>Does nothing when the batch has no progress listener. Safe to call from any thread.</remarks>
    public void ReportProgress(double percent) => sink?.ReportRunning(Index, Math.Clamp(percent, 0, 100));
}
