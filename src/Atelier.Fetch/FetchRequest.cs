namespace Atelier.Fetch;

/// <summary>One URL to fetch, as given on the command line or on one line of an input list.</summary>
/// <param name="Url">The URL as written; it is checked when the request is fetched, not here.</param>
/// <param name="Sha256">The expected SHA-256 of the body, lowercase hex; the file is kept only if it matches.</param>
/// <param name="OutName">The file name to save under, instead of one from the server or the URL.</param>
/// <param name="Line">The input line it came from, for messages; 0 for a command-line argument.</param>
/// <param name="Problem">Why the line could not be read as a request; such a request fails with this reason.</param>
public sealed record FetchRequest(string Url, string? Sha256 = null, string? OutName = null, long Line = 0, string? Problem = null)
{
    /// <summary>
    /// Other URLs that serve the same file (aria2's TAB-separated list line): its segments are spread over all of them,
    /// and a mirror that fails is dropped while the file completes from the rest.
    /// </summary>
    /// <value>None.</value>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>
    /// Where to save it inside the output folder, folders and all (<c>example.com/docs/index.html</c>), instead of a
    /// name from the server or the URL; each part is made safe, and the path never leaves the output folder.
    /// </summary>
    /// <value>None: a file name directly in the output folder.</value>
    public string? SaveAs { get; init; }
}
