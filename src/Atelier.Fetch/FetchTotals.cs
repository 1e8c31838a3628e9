namespace Atelier.Fetch;

/// <summary>A snapshot of a run's counts, for an overall progress line.</summary>
/// <param name="Read">Requests read from the input so far.</param>
/// <param name="InputComplete">Whether the whole input has been read (so <paramref name="Read"/> is the total).</param>
/// <param name="Active">Downloads running now.</param>
/// <param name="Succeeded">Requests downloaded, skipped or checked.</param>
/// <param name="Failed">Requests that failed.</param>
/// <param name="Bytes">Bytes received in this run (not counting resumed ones).</param>
/// <param name="ExpectedBytes">Bytes still to come for the running downloads whose size is known.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record FetchTotals(long Read, bool InputComplete, int Active, long Succeeded, long Failed, long Bytes, long ExpectedBytes, TimeSpan Elapsed)
{
    /// <summary>Bytes per second over the run so far.</summary>
    public double BytesPerSecond => Elapsed > TimeSpan.Zero ? Bytes / Elapsed.TotalSeconds : 0;
}
