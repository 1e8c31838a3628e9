namespace Atelier.Jobs.Running;

/// <summary>Counts jobs as they end and stops the run when its <see cref="HaltPolicy"/> is reached.</summary>
/// <remarks>
/// Called on each job's worker before that worker takes the next job, so a halt starts no other job. Thread-safe.
/// </remarks>
internal sealed class HaltWatch(HaltPolicy policy, long? totalJobs, CancellationTokenSource stop, CancellationTokenSource kill)
{
    private long failed;
    private long succeeded;
    private int halted;

    public bool Halted => Volatile.Read(ref halted) == 1;

    public void Ended(JobResult result)
    {
        if (result.Status is JobStatus.Skipped or JobStatus.Killed)
        {
            return;
        }

        var (f, s) = result.Succeeded
            ? (Interlocked.Read(ref failed), Interlocked.Increment(ref succeeded))
            : (Interlocked.Increment(ref failed), Interlocked.Read(ref succeeded));
        if (policy.IsReached(f, s, totalJobs) && Interlocked.Exchange(ref halted, 1) == 0)
        {
            stop.Cancel();
            if (policy.Urgency == HaltUrgency.Now)
            {
                kill.Cancel();
            }
        }
    }
}
