namespace Atelier.Work;

/// <summary>Where an item is in its life: the chapter's "waiting / in progress (x%) / done".</summary>
public enum WorkItemState
{
    /// <summary>Taken from the source and waiting in the bounded queue for a free worker.</summary>
    Queued,

    /// <summary>A worker is running it; <see cref="WorkProgress.Percent"/> may say how far it is.</summary>
    Running,

    /// <summary>Finished with a value.</summary>
    Succeeded,

    /// <summary>Finished with an exception.</summary>
    Failed,

    /// <summary>Stopped by cancellation while running.</summary>
    Canceled,
}
