using System.Net.Http.Headers;

namespace Atelier.Fetch.Transfer;

/// <summary>One URL a file can come from: the one asked for, or one of its mirrors.</summary>
internal sealed class Source(Uri url, AuthenticationHeaderValue? authorization, string redactedUrl)
{
    private long bytes;

    /// <summary>The URL to request, without user information (that travels as <see cref="Authorization"/>).</summary>
    public Uri Url { get; } = url;

    public AuthenticationHeaderValue? Authorization { get; } = authorization;

    public string RedactedUrl { get; } = redactedUrl;

    /// <summary>What this source said identifies its body, for If-Range on its later requests; null until it answered.</summary>
    /// <remarks>Each source has its own: two servers' ETags for the same file need not agree.</remarks>
    public RangeConditionHeaderValue? Validator { get; set; }

    /// <summary>Why the source was dropped; null while it is in use.</summary>
    public string? Dropped { get; set; }

    /// <summary>Bytes of the file this source served.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public void Served(long count) => Interlocked.Add(ref bytes, count);
}
