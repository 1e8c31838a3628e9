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
}
