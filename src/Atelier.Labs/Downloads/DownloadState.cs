namespace Atelier.Labs.Downloads;

/// <summary>One line of the status board.</summary>
/// <param name="Name">The file being downloaded.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Percent">How much has arrived, 0 to 100.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record DownloadState(string Name, DownloadStatus Status, double Percent, long Size);
