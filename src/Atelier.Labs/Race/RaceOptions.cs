namespace Atelier.Labs.Race;

/// <summary>How many threads increment the shared counter, and how many times each.</summary>
internal sealed record RaceOptions
{
    /// <summary>How many threads increment at once.</summary>
    /// <value>4: more threads than cores, so the scheduler also interrupts them mid-update.</value>
    public int Threads { get; init; } = 4;

    /// <summary>How many increments each thread makes.</summary>
    /// <value>1,000,000.</value>
    public int Increments { get; init; } = 1_000_000;
}
