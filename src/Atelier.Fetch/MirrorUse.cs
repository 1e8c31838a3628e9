namespace Atelier.Fetch;

/// <summary>What one source of a file with mirrors did for it.</summary>
/// <param name="Url">The source's URL, redacted.</param>
/// <param name="Bytes">Bytes of the file it served.</param>
/// <param name="Dropped">Why it was dropped (refused, an HTTP error, another length, a changed body); null if it was not.</param>
public sealed record MirrorUse(string Url, long Bytes, string? Dropped);
