namespace Atelier.Fetch.Reporting;

/// <summary>One line of a report: a result as JSON shows it.</summary>
/// <param name="Index">The request's position in the input, from 0.</param>
/// <param name="Line">The input line, 0 for a command-line argument.</param>
/// <param name="Url">The URL asked for, redacted.</param>
/// <param name="FinalUrl">The URL the body came from, redacted.</param>
/// <param name="Status">downloaded, skipped, checked, failed or canceled.</param>
/// <param name="HttpStatus">The last HTTP status code.</param>
/// <param name="Bytes">Bytes of the body.</param>
/// <param name="DurationMs">Time in milliseconds, retries included.</param>
/// <param name="Attempts">Requests made.</param>
/// <param name="Path">The file saved, or left alone.</param>
/// <param name="Sha256">The body's SHA-256, when computed.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Connections">How many connections served the file at once, at most.</param>
/// <param name="Mirrors">For a request with mirrors, each source: what it served and why it was dropped; null otherwise.</param>
/// <param name="Verified">What the saved file was checked against and matched (sha256, a digest the server sent); null when nothing.</param>
/// <param name="Restart">Why the file was started again from its first byte (an answer that could not be trusted); null when it was not.</param>
public sealed record FetchRecord(
    long Index,
    long Line,
    string Url,
    string? FinalUrl,
    string Status,
    int? HttpStatus,
    long Bytes,
    double DurationMs,
    int Attempts,
    string? Path,
    string? Sha256,
    string? Error,
    int Connections,
    IReadOnlyList<MirrorUse>? Mirrors,
    string? Verified,
    string? Restart)
{
    /// <summary>In a crawl: links from a start URL (0 for one); absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Depth { get; init; }

    /// <summary>In a crawl: the page that linked to it first; absent otherwise (and for a start URL).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Referrer { get; init; }

    /// <summary>The record for a result.</summary>
    public static FetchRecord From(FetchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FetchRecord(
            result.Index,
            result.Line,
            result.Url,
            result.FinalUrl,
            result.StatusName,
            result.HttpStatus,
            result.Bytes,
            Math.Round(result.Duration.TotalMilliseconds, 1),
            result.Attempts,
            result.Path,
            result.Sha256,
            result.Error,
            result.Connections,
            result.Mirrors.Count > 0 ? result.Mirrors : null,
            result.Verified,
            result.Restart);
    }
}
