namespace Atelier.Jobs.Queues;

/// <summary>How a job ended on a worker.</summary>
public enum QueueJobOutcome
{
    /// <summary>It ran and succeeded; its result is posted and the job acknowledged.</summary>
    Succeeded,

    /// <summary>It ran and failed; its result is posted and the job acknowledged.</summary>
    Failed,

    /// <summary>Taken back from a silent worker past the delivery limit: set aside, its run told it failed.</summary>
    DeadLettered,

    /// <summary>Stopped because the worker was interrupted, and put back on the queue for another worker at once.</summary>
    HandedBack,

    /// <summary>It ended but its result could not be posted (Redis gone past the retries); another worker will run it again.</summary>
    NotPosted,

    /// <summary>Its run was interrupted at its producer: stopped while it ran, or not started; reported so to the run.</summary>
    Stopped,

    /// <summary>Not run: the entry was not signed with the secret, its signature did not verify, it was too old, a replay, or no job.</summary>
    Refused,
}
