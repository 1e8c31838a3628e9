namespace Atelier.Labs.Downloads;

/// <summary>How one download went.</summary>
/// <param name="Name">The file.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Status">How it ended.</param>
/// <param name="WaitedMs">Time spent waiting for a free slot.</param>
/// <param name="DownloadMs">Time spent receiving bytes.</param>
public sealed record DownloadOutcome(string Name, long Size, DownloadStatus Status, double WaitedMs, double DownloadMs);
