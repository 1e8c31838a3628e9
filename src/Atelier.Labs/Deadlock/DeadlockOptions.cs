namespace Atelier.Labs.Deadlock;

/// <summary>How the deadlock lesson runs its real threads.</summary>
internal sealed record DeadlockOptions
{
    /// <summary>How many times real threads try each way of taking the two locks.</summary>
    /// <value>5.</value>
    public int Attempts { get; init; } = 5;

    /// <summary>How long a thread may wait for its second lock before the watchdog calls it a hang.</summary>
    /// <value>200 ms.</value>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long each thread works while it holds its first lock (the window for the other to take its own).</summary>
    /// <value>1 ms.</value>
    public TimeSpan Hold { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>In the explorer, how many times a thread may start over after a failed TryEnter before it counts as a livelock.</summary>
    /// <value>2.</value>
    public int Retries { get; init; } = 2;
}
