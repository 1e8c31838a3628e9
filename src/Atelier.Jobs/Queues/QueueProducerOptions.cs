namespace Atelier.Jobs.Queues;

/// <summary>How a <see cref="QueueProducer"/> feeds its queue.</summary>
public sealed class QueueProducerOptions
{
    /// <summary>How many of the run's jobs may be on the stream, queued or running, at once.</summary>
    /// <value>1000.</value>
    public int Window { get; init; } = 1000;

    /// <summary>How often to look for results when none came (StackExchange.Redis does not block on streams).</summary>
    /// <value>20 ms.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long an interrupted run waits for its running jobs' workers to say they stopped them.</summary>
    /// <value>5 seconds: a worker gives a job 2 s to exit after SIGTERM before SIGKILL.</value>
    public TimeSpan StopWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The secret shared with the workers: every job is signed with it (HMAC-SHA256), and results that do not carry
    /// its signature are ignored. Null: jobs go unsigned and every result is taken.
    /// </summary>
    /// <value>None.</value>
    public ReadOnlyMemory<byte>? Secret { get; init; }

    /// <summary>Receives a line for each result on the run's stream that did not verify, and was ignored.</summary>
    /// <value>None.</value>
    public IProgress<string>? Warnings { get; init; }
}
