namespace Atelier.Fetch.Transfer;

/// <summary>
/// One token for an attempt that fires on the caller's cancellation, after too long without data, or at the
/// attempt's deadline: one timer, moved forward as bytes arrive, never past the deadline.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly CancellationTokenRegistration caller;
    private readonly TimeSpan stall;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly TimeSpan? deadline;

    public Watchdog(TimeSpan stall, TimeSpan? deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        this.stall = stall;
        this.deadline = deadline;
        this.time = time;
        started = time.GetTimestamp();
        // Its timer runs on the given clock; the caller's cancellation is passed on through one registration.
        source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        caller = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
        Arm();
    }

    public enum Expiry
    {
        None,
        Stalled,
        Deadline,
    }

    public CancellationToken Token => source.Token;

    /// <summary>Why the token fired, if the clock fired it.</summary>
    public Expiry Expired => !source.IsCancellationRequested ? Expiry.None
        : deadline is { } limit && time.GetElapsedTime(started) >= limit ? Expiry.Deadline
        : Expiry.Stalled;

    /// <summary>Data arrived: the stall clock starts again.</summary>
    public void Progressed() => Arm();

    public void Dispose()
    {
        // Unregister first: it waits for a running callback, so Cancel never meets a disposed source.
        caller.Dispose();
        source.Dispose();
    }

    private void Arm()
    {
        var wait = stall;
        if (deadline is { } limit)
        {
            var left = limit - time.GetElapsedTime(started);
            wait = left < wait ? left : wait;
        }

        source.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }
}
