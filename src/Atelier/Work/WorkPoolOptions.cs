namespace Atelier.Work;

/// <summary>How a <see cref="WorkPool"/> runs a batch.</summary>
/// <remarks>Designed for inheritance: other pools extend it with their own settings.</remarks>
public class WorkPoolOptions
{
    private readonly int maxDegreeOfParallelism = Environment.ProcessorCount;
    private readonly int? queueCapacity;

    /// <summary>How many items run at once.</summary>
    /// <value>The number of processors.</value>
    public int MaxDegreeOfParallelism
    {
        get => maxDegreeOfParallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxDegreeOfParallelism = value;
        }
    }

    /// <summary>How many items may wait in the queue for a free worker; the source is read no further ahead.</summary>
    /// <value>Twice <see cref="MaxDegreeOfParallelism"/>.</value>
    public int QueueCapacity
    {
        get => queueCapacity ?? 2 * MaxDegreeOfParallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            queueCapacity = value;
        }
    }

    /// <summary>Whether results come back in input order rather than as they complete.</summary>
    /// <value>False: results stream as they complete.</value>
    /// <remarks>
    /// In order, at most <see cref="QueueCapacity"/> plus <see cref="MaxDegreeOfParallelism"/> finished results
    /// wait for an earlier one; a slow item holds back intake rather than letting memory grow.
    /// </remarks>
    public bool PreserveOrder { get; init; }

    /// <summary>Receives each change of an item's state, and the percentages handlers report.</summary>
    /// <value>None.</value>
    /// <remarks>Called on worker threads, concurrently; an implementation must be thread-safe and quick.</remarks>
    public IProgress<WorkProgress>? Progress { get; init; }

    /// <summary>The clock that times items.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
