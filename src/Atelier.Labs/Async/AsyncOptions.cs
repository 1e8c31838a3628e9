namespace Atelier.Labs.Async;

/// <summary>How the async lesson runs its two experiments.</summary>
internal sealed record AsyncOptions
{
    /// <summary>How many requests the thread-pool experiment makes at once.</summary>
    /// <value>200.</value>
    public int Requests { get; init; } = 200;

    /// <summary>How long each request waits (blocked on a thread, or awaited).</summary>
    /// <value>100 ms.</value>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a blocked wait may last before the watchdog calls it a deadlock.</summary>
    /// <value>1 second.</value>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromSeconds(1);
}
