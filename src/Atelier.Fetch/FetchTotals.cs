namespace Atelier.Fetch;

/// <summary>A snapshot of a run's counts, for an overall progress line.</summary>
/// <param name="Read">Requests read from the input so far.</param>
/// <param name="InputComplete">Whether the whole input has been read (so <paramref name="Read"/> is the total).</param>
/// <param name="Active">Downloads under way now, <see cref="Waiting"/> ones included.</param>
/// <param name="Succeeded">Requests downloaded, skipped or checked.</param>
/// <param name="Failed">Requests that failed.</param>
/// <param name="Bytes">Bytes received in this run (not counting resumed ones).</param>
/// <param name="ExpectedBytes">Bytes still to come for the running downloads whose size is known.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record FetchTotals(long Read, bool InputComplete, int Active, long Succeeded, long Failed, long Bytes, long ExpectedBytes, TimeSpan Elapsed)
{
    /// <summary>Whether every running download's size is known (so <see cref="ExpectedBytes"/> is all they have left).</summary>
    /// <value>False.</value>
    public bool SizesKnown { get; init; }

    /// <summary>Of <see cref="Active"/>, those still waiting for a connection slot to their host (<c>--per-host</c>).</summary>
    /// <value>0.</value>
    public int Waiting { get; init; }

    /// <summary>Bytes per second over the run so far.</summary>
    public double BytesPerSecond => Elapsed > TimeSpan.Zero ? Bytes / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// The share of the run's bytes received, from 0 to 1, when it can be known: the whole input read, every download
    /// left running, and each one's size known; null otherwise (then only files can be counted).
    /// </summary>
    public double? Fraction => InputComplete && Read - Succeeded - Failed == Active && SizesKnown && Bytes + ExpectedBytes > 0
        ? Bytes / (double)(Bytes + ExpectedBytes)
        : null;

    /// <summary>The time the running downloads need yet at the run's rate so far, when <see cref="Fraction"/> is known.</summary>
    public TimeSpan? Left => Fraction is not null && BytesPerSecond > 0 ? TimeSpan.FromSeconds(ExpectedBytes / BytesPerSecond) : null;
}
