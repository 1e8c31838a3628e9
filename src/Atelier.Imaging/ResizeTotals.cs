namespace Atelier.Imaging;

/// <summary>A snapshot of a resizer's counts, for a progress line.</summary>
/// <param name="Found">Inputs found so far (images and other files).</param>
/// <param name="FoundAll">Whether every folder has been walked (so <paramref name="Found"/> is the total).</param>
/// <param name="Running">Inputs being worked on now.</param>
/// <param name="Resized">Inputs whose outputs were written.</param>
/// <param name="Skipped">Inputs skipped: up to date, or not images.</param>
/// <param name="Failed">Inputs that failed.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record ResizeTotals(long Found, bool FoundAll, long Running, long Resized, long Skipped, long Failed, TimeSpan Elapsed)
{
    /// <summary>
    /// How many inputs there are in all, as a quick walk of the folders ahead of the work counted them (listing only, no
    /// image opened); null until it is done. <see cref="Found"/> is the truth once <see cref="FoundAll"/>.
    /// </summary>
    /// <value>None.</value>
    public long? Expected { get; init; }

    /// <summary>How many inputs there are in all, as well as is known: every one found, else the walk ahead's count.</summary>
    public long? Total => FoundAll ? Found : Expected is { } count ? Math.Max(count, Found) : null;

    /// <summary>Inputs that have ended, whatever the outcome.</summary>
    public long Ended => Resized + Skipped + Failed;
}
