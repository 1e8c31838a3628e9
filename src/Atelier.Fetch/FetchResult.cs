namespace Atelier.Fetch;

/// <summary>How one request ended. URLs in it are redacted: no credentials, no secret query values.</summary>
/// <param name="Index">The request's position in the input, from 0.</param>
/// <param name="Line">The input line it came from; 0 for a command-line argument.</param>
/// <param name="Url">The URL asked for.</param>
/// <param name="FinalUrl">The URL the body came from, after redirects.</param>
/// <param name="Status">How it ended.</param>
/// <param name="HttpStatus">The last HTTP status code received.</param>
/// <param name="Bytes">Bytes of the body received and kept (when checking, the size the server gave).</param>
/// <param name="Duration">Time from the first attempt's start to the end, retries and waits included.</param>
/// <param name="Attempts">How many requests were made.</param>
/// <param name="Path">The file saved, or the existing file a skip left alone.</param>
/// <param name="Sha256">The body's SHA-256 in lowercase hex, when computed.</param>
/// <param name="Error">Why it failed.</param>
public sealed record FetchResult(
    long Index,
    long Line,
    string Url,
    string? FinalUrl,
    FetchStatus Status,
    int? HttpStatus,
    long Bytes,
    TimeSpan Duration,
    int Attempts,
    string? Path,
    string? Sha256,
    string? Error)
{
    /// <summary>How many connections served the file at once, at most: more than one for a split download.</summary>
    /// <value>1.</value>
    public int Connections { get; init; } = 1;

    /// <summary>For a request with mirrors, each source (the URL asked for first): what it served, and whether it was dropped.</summary>
    /// <value>None.</value>
    public IReadOnlyList<MirrorUse> Mirrors { get; init; } = [];

    /// <summary>
    /// What the saved file was checked against and matched: <c>sha256</c> (the list's), or the digest the server sent
    /// (<c>Repr-Digest sha-256</c>, <c>Digest sha-256</c>, <c>Content-MD5 md5</c>); null when nothing was checked.
    /// </summary>
    /// <value>None.</value>
    public string? Verified { get; init; }

    /// <summary>Why the file was started again from its first byte (an answer that could not be trusted); null when it was not.</summary>
    /// <value>None.</value>
    public string? Restart { get; init; }

    /// <summary>The media type of the body, as the server named it (<c>text/html</c>); null when no body came.</summary>
    /// <value>None.</value>
    public string? ContentType { get; init; }

    /// <summary>True unless the request failed or was interrupted.</summary>
    public bool Succeeded => Status is FetchStatus.Downloaded or FetchStatus.Skipped or FetchStatus.UpToDate or FetchStatus.Checked;

    /// <summary>The status in words, as tables and JSON show it: downloaded, skipped, up to date, checked, failed, canceled.</summary>
    public string StatusName => Status == FetchStatus.UpToDate ? "up to date" : Status.ToString().ToLowerInvariant();
}
