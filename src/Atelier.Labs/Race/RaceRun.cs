namespace Atelier.Labs.Race;

/// <summary>One way of sharing the counter, and what came of it.</summary>
/// <param name="Mode">unsynchronised, lock, or Interlocked.</param>
/// <param name="Expected">Threads times increments.</param>
/// <param name="Obtained">The counter's final value.</param>
/// <param name="ElapsedMs">Time until every thread finished.</param>
internal sealed record RaceRun(string Mode, long Expected, long Obtained, double ElapsedMs)
{
    /// <summary>Updates that were overwritten by another thread's.</summary>
    public long Lost => Expected - Obtained;
}
