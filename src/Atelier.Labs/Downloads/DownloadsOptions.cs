namespace Atelier.Labs.Downloads;

/// <summary>How many simulated downloads run, how many at once, and how often the board refreshes.</summary>
public sealed record DownloadsOptions
{
    /// <summary>How many downloads.</summary>
    /// <value>5.</value>
    public int Count { get; init; } = 5;

    /// <summary>How many download at once; the others wait for a free slot.</summary>
    /// <value>3.</value>
    public int Concurrency { get; init; } = 3;

    /// <summary>How often the status board is redrawn.</summary>
    /// <value>250 ms.</value>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Seeds the sizes and speeds, so a run can be repeated.</summary>
    /// <value>7.</value>
    public int Seed { get; init; } = 7;
}
