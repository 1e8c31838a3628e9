namespace Atelier.Fetch;

/// <summary>A download's state and how far it is. A value: reported several times per file, it costs no allocation.</summary>
/// <param name="Index">The request's position in the input.</param>
/// <param name="Url">The URL, redacted.</param>
/// <param name="Name">The file name, once known.</param>
/// <param name="State">Where it is.</param>
/// <param name="Bytes">Bytes of the body so far (including those resumed from a <c>.part</c>).</param>
/// <param name="Total">The body's full size, when the server said.</param>
/// <param name="RetryIn">When retrying: the wait before the next attempt.</param>
/// <param name="Error">When retrying or failed: what went wrong.</param>
public readonly record struct FetchProgress(long Index, string Url, string? Name, FetchState State, long Bytes, long? Total, TimeSpan? RetryIn = null, string? Error = null)
{
    /// <summary>Bytes a second received in this run since its first byte (a resumed <c>.part</c>'s are not counted); null until measured.</summary>
    /// <value>None.</value>
    public double? Speed { get; init; }
}
