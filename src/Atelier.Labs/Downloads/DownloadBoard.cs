namespace Atelier.Labs.Downloads;

/// <summary>The status board at one refresh: a copy, safe to keep.</summary>
/// <param name="Refresh">Which refresh this is, from 1.</param>
/// <param name="Elapsed">Time since the downloads started.</param>
/// <param name="Downloads">Every download's state, in start order.</param>
public sealed record DownloadBoard(int Refresh, TimeSpan Elapsed, IReadOnlyList<DownloadState> Downloads)
{
    /// <summary>True when no download is waiting or in progress.</summary>
    public bool Finished => Downloads.All(d => d.Status is DownloadStatus.Done or DownloadStatus.Canceled);
}
