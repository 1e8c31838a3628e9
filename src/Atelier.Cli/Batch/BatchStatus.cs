namespace Atelier.Cli.Batch;

/// <summary>What a batch's progress line shows, as a command describes its library's counts.</summary>
/// <param name="Line">The counts in words: "3/10 done, 0 failed, 2 running, 1.2 MiB at 3.0 MiB/s".</param>
/// <param name="Done">Items that have ended.</param>
/// <param name="Total">How many items there are, once known (then the bar fills and the time left shows).</param>
internal readonly record struct BatchStatus(string Line, long Done, long? Total)
{
    /// <summary>
    /// The share of the work done, from 0 to 1, when the work is better measured than in items (bytes of files whose
    /// sizes are known); null to count items.
    /// </summary>
    public double? Fraction { get; init; }

    /// <summary>The time left, as <see cref="Line"/> says it, so that the bar says the same; null to let the bar estimate it.</summary>
    public TimeSpan? Left { get; init; }
}
