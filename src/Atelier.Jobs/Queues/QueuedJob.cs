using Atelier.Jobs.Running;
using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>A job as a worker took it from the stream: the entry, its stable id, where its result goes, its limits.</summary>
internal sealed record QueuedJob(RedisValue EntryId, string Id, string ResultsKey, Job Job, TimeSpan? Timeout, int Attempts)
{
    /// <summary>The block the job reads on stdin, as it came (handed back as it came, after the job's copy is gone).</summary>
    public byte[]? Stdin { get; init; }

    /// <summary>The entry's fields as they came, signature included: a job handed back goes back as it came.</summary>
    public NameValueEntry[] Fields { get; init; } = [];

    /// <summary>When its producer put it on the queue; null when the entry does not say.</summary>
    public DateTimeOffset? Issued { get; init; }

    /// <summary>The run that put it on the queue: its id is RUN:SEQUENCE.</summary>
    public string Run => QueueMessages.RunOf(Id);
}
