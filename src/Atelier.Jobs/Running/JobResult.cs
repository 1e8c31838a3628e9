namespace Atelier.Jobs.Running;

/// <summary>How a job ended, when it started, how long it ran, and what it wrote.</summary>
/// <remarks>Dispose it once its output has been copied: output that outgrew memory sits in a temporary file until then.</remarks>
public sealed class JobResult : IDisposable
{
    internal JobResult(Job job, JobStatus status)
    {
        Job = job;
        Status = status;
    }

    /// <summary>The job.</summary>
    public Job Job { get; }

    /// <summary>How it ended.</summary>
    public JobStatus Status { get; }

    /// <summary>The exit code; 127 when the program could not start; null when a signal ended it or it never ran.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended it, if one did.</summary>
    public int? Signal { get; init; }

    /// <summary>When the last attempt started (wall clock); default when it never ran.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>How long the last attempt ran.</summary>
    public TimeSpan Runtime { get; init; }

    /// <summary>How many times it ran (more than once when it failed and retries were allowed).</summary>
    public int Attempts { get; init; }

    /// <summary>Why it did not succeed, as one line; null when it did or was skipped.</summary>
    public string? Reason { get; init; }

    /// <summary>The queue worker that ran it (<c>host:pid</c>); null when it ran here.</summary>
    public string? Worker { get; init; }

    /// <summary>What the last attempt wrote to stdout (empty when lines were passed on as they came).</summary>
    public JobOutput Output { get; init; } = JobOutput.Empty;

    /// <summary>What the last attempt wrote to stderr (empty when lines were passed on as they came).</summary>
    public JobOutput Error { get; init; } = JobOutput.Empty;

    /// <summary>True when the job ran and exited with code 0.</summary>
    public bool Succeeded => Status == JobStatus.Succeeded;

    /// <summary>This result as run on <paramref name="worker"/>, failed for <paramref name="failure"/> when one is given (its output stays with the copy).</summary>
    internal JobResult On(string worker, string? failure) => new(Job, failure is null ? Status : JobStatus.Failed)
    {
        ExitCode = ExitCode,
        Signal = Signal,
        Started = Started,
        Runtime = Runtime,
        Attempts = Attempts,
        Reason = failure ?? Reason,
        Worker = worker,
        Output = Output,
        Error = Error,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        Output.Dispose();
        Error.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Job}: {Status}{(Reason is null ? "" : $" ({Reason})")}";
}
