namespace Atelier.Processes;

/// <summary>How a worker process ended.</summary>
public enum WorkerExitKind
{
    /// <summary>It exited after its stop message, the chapter's "poison pill".</summary>
    Stopped,

    /// <summary>It ended on its own, while it had work; its item failed and the worker was replaced.</summary>
    Crashed,

    /// <summary>The pool killed it: the batch was cancelled, it broke the protocol, or it ignored its stop message.</summary>
    Killed,
}
