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

    /// <summary>Whether to play the scheduler: every interleaving of the steps of count++ (then threads default to 2, increments to 1).</summary>
    public bool Explore { get; init; }

    /// <summary>With <see cref="Explore"/>: how many schedules to replay step by step.</summary>
    /// <value>2.</value>
    public int Show { get; init; } = 2;

    /// <summary>With <see cref="Explore"/>: how many schedules to sample when there are too many to count.</summary>
    /// <value>10,000.</value>
    public int Samples { get; init; } = 10_000;

    /// <summary>With <see cref="Explore"/>: the sampling's seed.</summary>
    /// <value>1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>With <see cref="Explore"/>: how many times real threads run the unsynchronised program.</summary>
    /// <value>20,000.</value>
    public int Trials { get; init; } = 20_000;
}
