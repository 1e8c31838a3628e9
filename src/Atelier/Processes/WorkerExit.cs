namespace Atelier.Processes;

/// <summary>A worker process that has ended.</summary>
/// <param name="Slot">The pool slot it served.</param>
/// <param name="ProcessId">Its process id.</param>
/// <param name="Kind">How it ended.</param>
/// <param name="ExitCode">Its exit code; 128 + N when a signal N ended it.</param>
/// <param name="ItemsHandled">How many items it answered.</param>
public sealed record WorkerExit(int Slot, int ProcessId, WorkerExitKind Kind, int ExitCode, int ItemsHandled);
