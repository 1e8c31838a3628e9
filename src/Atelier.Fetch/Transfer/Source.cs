using System.Net.Http.Headers;

namespace Atelier.Fetch.Transfer;

/// <summary>One URL a file can come from: the one asked for, or one of its mirrors.</summary>
internal sealed class Source(Uri url, AuthenticationHeaderValue? authorization, string redactedUrl)
{
    private RangeConditionHeaderValue? validator;
    private string? dropped;
    private long bytes;

    /// <summary>The URL to request, without user information (that travels as <see cref="Authorization"/>).</summary>
    public Uri Url { get; } = url;

    public AuthenticationHeaderValue? Authorization { get; } = authorization;

    public string RedactedUrl { get; } = redactedUrl;

    /// <summary>
    /// What this source said identifies the body (a strong ETag, else Last-Modified), for If-Range and to check its later
    /// answers against; null until it answered with one.
    /// </summary>
    /// <remarks>Each source has its own: two servers' ETags for the same file need not agree.</remarks>
    public RangeConditionHeaderValue? Validator => Volatile.Read(ref validator);

    /// <summary>Why the source was dropped; null while it is in use. Set by its <see cref="SourceSet"/>.</summary>
    public string? Dropped
    {
        get => Volatile.Read(ref dropped);
        internal set => Volatile.Write(ref dropped, value);
    }

    /// <summary>Bytes of the file this source served.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public void Served(long count) => Interlocked.Add(ref bytes, count);

    /// <summary>Keeps the validator of the first answer that had one; later answers are checked against it.</summary>
    public void Identify(RangeConditionHeaderValue? identity)
    {
        if (identity is not null)
        {
            Interlocked.CompareExchange(ref validator, identity, null);
        }
    }

    /// <summary>The file starts again: what identified the old body says nothing of the new one.</summary>
    public void Forget() => Volatile.Write(ref validator, null);
}
