using System.Runtime.Versioning;
using Atelier.Jobs.Unix;
using Atelier.Proc;

namespace Atelier.Jobs.Running;

/// <summary>
/// GNU parallel's <c>--memsuspend</c>: while the memory available is below <see cref="JobRunnerOptions.MemorySuspend"/>,
/// the newest running job is suspended (SIGSTOP to its process group), one more at each check, never the last one
/// running; once more than twice that is available, the oldest suspended job is resumed (SIGCONT), one at each check.
/// </summary>
/// <remarks>
/// Checks once a second on the run's clock, reading <see cref="JobRunnerOptions.ProcRoot"/>'s meminfo. Jobs on other
/// hosts (<c>-S</c>) are not suspended, as GNU parallel does not: their memory is not this machine's.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class MemorySuspender : IDisposable
{
    /// <summary>How often memory is checked.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly long threshold;
    private readonly string meminfo;
    private readonly Lock gate = new();
    private readonly List<ChildProcess> running = [];
    private readonly List<ChildProcess> suspended = [];
    private readonly CancellationTokenSource stopping = new();

    public MemorySuspender(long threshold, string procRoot, TimeProvider time)
    {
        this.threshold = threshold;
        meminfo = Path.Combine(procRoot, "meminfo");
        _ = CheckAsync(time, stopping.Token);
    }

    /// <summary>Watches a job that just started, until the returned handle is disposed (it ended).</summary>
    public IDisposable Watch(ChildProcess child)
    {
        lock (gate)
        {
            running.Add(child);
        }

        return new Watched(this, child);
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task CheckAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Check();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One check: suspend the newest running job, or resume the oldest suspended one, or neither.</summary>
    internal void Check()
    {
        long available;
        try
        {
            using var proc = new ProcFile(meminfo);
            available = (long)ProcParsers.MemInfo(proc.Read()).Available * 1024;
        }
        catch (IOException)
        {
            return;
        }

        if (available <= 0)
        {
            // A kernel too old to say: nothing is suspended on a guess.
            return;
        }

        lock (gate)
        {
            if (available < threshold && running.Count > 1)
            {
                var newest = running[^1];
                running.RemoveAt(running.Count - 1);
                suspended.Add(newest);
                newest.SignalGroup(Native.SIGSTOP);
            }
            else if (available > 2 * threshold && suspended.Count > 0)
            {
                var oldest = suspended[0];
                suspended.RemoveAt(0);
                InsertByStart(oldest);
                oldest.SignalGroup(Native.SIGCONT);
            }
        }
    }

    /// <summary>Puts a resumed job back among the running as one of the oldest: the last to be suspended again.</summary>
    private void InsertByStart(ChildProcess child) => running.Insert(0, child);

    private void Forget(ChildProcess child)
    {
        lock (gate)
        {
            running.Remove(child);
            if (suspended.Remove(child))
            {
                // Ending while suspended (killed): let the rest of its group run to its end.
                child.SignalGroup(Native.SIGCONT);
            }
        }
    }

    private sealed class Watched(MemorySuspender owner, ChildProcess child) : IDisposable
    {
        public void Dispose() => owner.Forget(child);
    }
}
