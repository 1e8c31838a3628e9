using Atelier.Jobs.Queues;

namespace Atelier.Jobs.Tests.Queues;

/// <summary>A worker's progress into a list, which callers read under its lock.</summary>
internal sealed class EndedJobs(List<QueueJobEnded> ended) : IProgress<QueueJobEnded>
{
    public void Report(QueueJobEnded value)
    {
        lock (ended)
        {
            ended.Add(value);
        }
    }
}
