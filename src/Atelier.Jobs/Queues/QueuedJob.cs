using Atelier.Jobs.Running;
using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>A job as a worker took it from the stream: the entry, its stable id, where its result goes, its limits.</summary>
internal sealed record QueuedJob(RedisValue EntryId, string Id, string ResultsKey, Job Job, TimeSpan? Timeout, int Attempts);
