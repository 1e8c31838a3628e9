namespace Atelier.Labs.Threads;

/// <summary>How many sleeping tasks the threads lesson runs, and for how long each sleeps.</summary>
internal sealed record ThreadsOptions
{
    /// <summary>How many tasks each way runs.</summary>
    /// <value>10.</value>
    public int Tasks { get; init; } = 10;

    /// <summary>How long each task waits, standing in for an I/O call.</summary>
    /// <value>200 ms.</value>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(200);
}
