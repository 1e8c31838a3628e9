namespace Atelier.Jobs.Queues;

/// <summary>How a <see cref="QueueWorker"/> takes and runs jobs.</summary>
public sealed class QueueWorkerOptions
{
    private readonly int maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>How many jobs run at once.</summary>
    /// <value>The number of processors.</value>
    public int MaxDegreeOfParallelism
    {
        get => maxDegreeOfParallelism;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxDegreeOfParallelism = value;
        }
    }

    /// <summary>How long a job may stay with a worker that stopped answering before another worker takes it.</summary>
    /// <value>60 seconds. A live worker renews its jobs every third of this, so long jobs are not taken from it.</value>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a job may be delivered before it goes to the dead-letter stream instead.</summary>
    /// <value>3.</value>
    public int MaxDeliveries { get; init; } = 3;

    /// <summary>Stop when the stream has no job to give (none new, none to take back), instead of waiting for more.</summary>
    /// <value>False.</value>
    public bool Once { get; init; }

    /// <summary>This worker's name in the consumer group.</summary>
    /// <value><c>host:pid</c>.</value>
    public string Name { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>How often to look for jobs when none came (StackExchange.Redis does not block on streams).</summary>
    /// <value>20 ms.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How much of a job's output stays in memory before the rest goes to a temporary file.</summary>
    /// <value>8 MiB.</value>
    public int OutputBufferSize { get; init; } = Running.JobRunnerOptions.DefaultOutputBufferSize;

    /// <summary>How long a job has to exit after SIGTERM before its group gets SIGKILL.</summary>
    /// <value>2 seconds.</value>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Receives each job as it ends here, however it ended.</summary>
    /// <value>None.</value>
    /// <remarks>Called from the worker's job slots, concurrently; must be thread-safe and quick.</remarks>
    public IProgress<QueueJobEnded>? Progress { get; init; }

    /// <summary>
    /// The secret shared with the producers: only jobs signed with it run, only within <see cref="MaxAge"/> of being
    /// issued, and each once; anything else is dead-lettered with the reason and never runs. Results are signed with it.
    /// Null: every job on the queue runs.
    /// </summary>
    /// <value>None.</value>
    public ReadOnlyMemory<byte>? Secret { get; init; }

    /// <summary>How old a signed job may be when taken; older ones are refused (a replay of an old entry, say).</summary>
    /// <value>24 hours.</value>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The clock for renewals, polling and retries.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
