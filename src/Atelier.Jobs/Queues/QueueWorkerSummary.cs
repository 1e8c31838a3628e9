namespace Atelier.Jobs.Queues;

/// <summary>What a worker did before it stopped.</summary>
/// <param name="Succeeded">Jobs it ran that succeeded.</param>
/// <param name="Failed">Jobs it ran that did not.</param>
/// <param name="DeadLettered">Jobs it took back from a silent worker past the delivery limit and set aside.</param>
/// <param name="HandedBack">Jobs it stopped when interrupted, put back on the queue for another worker.</param>
/// <param name="NotPosted">Jobs it could not finish or whose result it could not post; <paramref name="Problems"/> says why.</param>
/// <param name="Problems">The first reasons jobs were not posted, a line each.</param>
public sealed record QueueWorkerSummary(long Succeeded, long Failed, long DeadLettered, long HandedBack, long NotPosted, IReadOnlyList<string> Problems)
{
    /// <summary>Jobs whose run was interrupted at its producer: stopped here while they ran, or before they started.</summary>
    public long Stopped { get; init; }

    /// <summary>Entries it refused to run and dead-lettered: not signed, forged, too old, replayed, or not jobs at all.</summary>
    public long Refused { get; init; }
}
