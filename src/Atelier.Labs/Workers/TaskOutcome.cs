namespace Atelier.Labs.Workers;

/// <summary>One task and who answered it.</summary>
/// <param name="Number">The task's number.</param>
/// <param name="Worker">The pool slot that took it.</param>
/// <param name="ProcessId">The process that answered, 0 if none did.</param>
/// <param name="Square">The answer, when there is one.</param>
/// <param name="ElapsedMs">Time from sending the task to the answer.</param>
/// <param name="Error">Why there is no answer.</param>
internal sealed record TaskOutcome(int Number, int Worker, int ProcessId, long? Square, double ElapsedMs, string? Error);
