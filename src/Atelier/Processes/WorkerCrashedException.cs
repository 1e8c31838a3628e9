using Atelier.Work;

namespace Atelier.Processes;

/// <summary>A worker process ended while it was working on an item.</summary>
public sealed class WorkerCrashedException : WorkItemException
{
    /// <summary>Creates the exception for the process that ended.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="exitCode">The exit code; 128 + N when a signal N ended it.</param>
    /// <param name="lastError">The last line the process wrote to its standard error, if any.</param>
    public WorkerCrashedException(int processId, int exitCode, string? lastError)
        : base(Describe(processId, exitCode, lastError))
    {
        ProcessId = processId;
        ExitCode = exitCode;
    }

    /// <summary>The process id of the worker.</summary>
    public int ProcessId { get; }

    /// <summary>The worker's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The signal that ended the worker, when its exit code says one did.</summary>
    public int? Signal => ExitCode is > 128 and < 128 + 65 ? ExitCode - 128 : null;

    private static string Describe(int processId, int exitCode, string? lastError)
    {
        var signal = exitCode is > 128 and < 128 + 65 ? $" (signal {exitCode - 128}{SignalName(exitCode - 128)})" : "";
        var said = string.IsNullOrWhiteSpace(lastError) ? "" : $"; it said: {lastError.Trim()}";
        return $"worker process {processId} exited with code {exitCode}{signal}{said}";
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => ", SIGHUP",
        2 => ", SIGINT",
        6 => ", SIGABRT",
        9 => ", SIGKILL",
        11 => ", SIGSEGV",
        15 => ", SIGTERM",
        _ => "",
    };
}
