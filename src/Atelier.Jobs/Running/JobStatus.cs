namespace Atelier.Jobs.Running;

/// <summary>How a job ended.</summary>
public enum JobStatus
{
    /// <summary>It exited with code 0.</summary>
    Succeeded,

    /// <summary>It exited with another code or was killed by a signal it did not get from us.</summary>
    Failed,

    /// <summary>It ran longer than the timeout and its process group was killed.</summary>
    TimedOut,

    /// <summary>Its program could not be started (missing, not executable).</summary>
    NotStarted,

    /// <summary>The run was interrupted or halted while it ran, and its process group was killed.</summary>
    Killed,

    /// <summary>A resumed run found it in the job log and did not run it again.</summary>
    Skipped,
}
