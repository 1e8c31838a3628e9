namespace Atelier.Jobs.Queues;

/// <summary>What an interrupted run on a queue stopped, and how.</summary>
/// <param name="TakenOff">Jobs still waiting on the queue: deleted, or refused by the worker that took them as the run
/// stopped. None of them started.</param>
/// <param name="Stopped">Jobs workers were running when the run was interrupted, and stopped.</param>
/// <param name="Unanswered">Jobs workers held that did not report within <see cref="QueueProducerOptions.StopWait"/>.</param>
/// <remarks>Jobs that finished as the run was interrupted are none of these: their results came as usual.</remarks>
public sealed record QueueInterruption(int TakenOff, int Stopped, int Unanswered);
