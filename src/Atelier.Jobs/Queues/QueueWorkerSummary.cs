namespace Atelier.Jobs.Queues;

/// <summary>What a worker did before it stopped.</summary>
/// <param name="Succeeded">Jobs it ran that succeeded.</param>
/// <param name="Failed">Jobs it ran that did not.</param>
/// <param name="DeadLettered">Jobs it took back from a silent worker past the delivery limit and set aside.</param>
/// <param name="HandedBack">Jobs it stopped when interrupted, left for another worker.</param>
public sealed record QueueWorkerSummary(long Succeeded, long Failed, long DeadLettered, long HandedBack);
