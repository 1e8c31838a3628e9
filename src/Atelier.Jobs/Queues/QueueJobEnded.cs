namespace Atelier.Jobs.Queues;

/// <summary>A job that ended on this worker.</summary>
/// <param name="Id">The job's stable id (<c>run:sequence</c>).</param>
/// <param name="CommandLine">What it ran.</param>
/// <param name="Outcome">How it ended here.</param>
/// <param name="Reason">Why it did not succeed, as one line; null when it did.</param>
/// <param name="Runtime">How long it ran.</param>
public sealed record QueueJobEnded(string Id, string CommandLine, QueueJobOutcome Outcome, string? Reason, TimeSpan Runtime);
