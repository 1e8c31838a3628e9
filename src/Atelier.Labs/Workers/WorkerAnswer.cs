namespace Atelier.Labs.Workers;

/// <summary>A worker's answer on the output queue, saying which process answered.</summary>
/// <param name="Number">The task's number.</param>
/// <param name="Square">Its square.</param>
/// <param name="ProcessId">The worker process that answered.</param>
internal sealed record WorkerAnswer(int Number, long Square, int ProcessId);
