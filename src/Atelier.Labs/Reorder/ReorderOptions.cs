namespace Atelier.Labs.Reorder;

/// <summary>How many rounds of the store-buffer test each way runs.</summary>
internal sealed record ReorderOptions
{
    /// <summary>Rounds per way (each round: both threads store their flag, then load the other's).</summary>
    /// <value>1,000,000.</value>
    public int Rounds { get; init; } = 1_000_000;

    /// <summary>The most time each way may take; it stops early, with the rounds it ran.</summary>
    /// <value>3 seconds.</value>
    public TimeSpan Longest { get; init; } = TimeSpan.FromSeconds(3);
}
