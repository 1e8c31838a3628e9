namespace Atelier.Labs.Workers;

/// <summary>One worker process and how it ended.</summary>
/// <param name="Worker">The pool slot it served.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="TasksAnswered">How many tasks it answered.</param>
/// <param name="Exit">stopped (by its poison pill), crashed, or killed.</param>
/// <param name="ExitCode">Its exit code.</param>
internal sealed record WorkerOutcome(int Worker, int ProcessId, int TasksAnswered, string Exit, int ExitCode);
