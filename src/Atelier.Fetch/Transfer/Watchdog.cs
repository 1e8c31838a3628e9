namespace Atelier.Fetch.Transfer;

/// <summary>
/// One token for an attempt that fires on the caller's cancellation, after too long without data, or at the
/// attempt's deadline. The clock is the downloader's <see cref="Watchdogs"/>: an attempt only notes when data came.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly Watchdogs owner;
    private readonly CancellationTokenSource source = new();
    private readonly CancellationTokenRegistration caller;
    private readonly long started;
    private long lastProgress;
    private int expired;

    public Watchdog(Watchdogs owner, long now, CancellationToken cancellationToken)
    {
        this.owner = owner;
        started = now;
        lastProgress = now;
        // The caller's cancellation is passed on through one registration.
        caller = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
    }

    public enum Expiry
    {
        None,
        Stalled,
        Deadline,
    }

    public CancellationToken Token => source.Token;

    /// <summary>Why the token fired, if the clock fired it.</summary>
    public Expiry Expired => (Expiry)Volatile.Read(ref expired);

    /// <summary>Links in the owner's list of attempts in flight; only the owner touches them, under its lock.</summary>
    internal Watchdog? Previous { get; set; }

    /// <inheritdoc cref="Previous"/>
    internal Watchdog? Next { get; set; }

    /// <summary>Data arrived: the stall clock starts again.</summary>
    public void Progressed() => Volatile.Write(ref lastProgress, owner.Time.GetTimestamp());

    /// <summary>Whether the attempt has run out of time at <paramref name="now"/>, and why.</summary>
    internal Expiry Check(long now, TimeSpan stall, TimeSpan? deadline) =>
        deadline is { } limit && owner.Time.GetElapsedTime(started, now) >= limit ? Expiry.Deadline
        : owner.Time.GetElapsedTime(Volatile.Read(ref lastProgress), now) >= stall ? Expiry.Stalled
        : Expiry.None;

    /// <summary>Called by the owner, outside its lock, once the attempt is off its list.</summary>
    internal void Fire(Expiry why)
    {
        Volatile.Write(ref expired, (int)why);
        source.Cancel();
    }

    public void Dispose()
    {
        owner.Remove(this);

        // Unregister first: it waits for a running callback, so Cancel never meets a disposed source. The owner never
        // fires a watchdog it has removed, and Remove waits for a sweep in progress (see Watchdogs.Sweep).
        caller.Dispose();
        source.Dispose();
    }
}
