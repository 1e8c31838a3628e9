namespace Atelier.Fetch.Transfer;

/// <summary>
/// What was asked for one file, fixed before its first request: the request, where the file can come from, what an
/// earlier <c>--newer</c> run kept of it, and its own rate cap. What is learnt while fetching is its
/// <see cref="TransferState"/>.
/// </summary>
internal sealed class DownloadJob(long index, FetchRequest request, SourceSet sources, Naming.Validators.Entry? known, Bandwidth? bandwidth) : IDisposable
{
    public long Index { get; } = index;

    public FetchRequest Request { get; } = request;

    /// <summary>The URL asked for first, then its mirrors; a split download spreads its connections over them.</summary>
    public SourceSet Sources { get; } = sources;

    /// <summary>The URL asked for, without user information: it names the file.</summary>
    public Uri Url => Sources.First.Url;

    public string RedactedUrl => Sources.First.RedactedUrl;

    /// <summary>What an earlier run kept of this URL (--newer), when its file is still there; null otherwise.</summary>
    public Naming.Validators.Entry? Known { get; } = known;

    /// <summary>This download's own cap on bytes per second; null for none.</summary>
    public Bandwidth? Bandwidth { get; } = bandwidth;

    public void Dispose() => Bandwidth?.Dispose();
}
