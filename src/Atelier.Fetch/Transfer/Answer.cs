using System.Net.Http.Headers;

namespace Atelier.Fetch.Transfer;

/// <summary>An answer that passed every check of its <see cref="Ask"/>: what it gives, and its body to read.</summary>
internal sealed class Answer(HttpResponseMessage response, AnswerKind kind) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    public AnswerKind Kind { get; } = kind;

    /// <summary>Where the body's first byte belongs in the file (for a range: the seam's first byte).</summary>
    public long Start { get; init; }

    /// <summary>How many bytes the body announced; null when it did not say (a chunked 200).</summary>
    public long? BodyLength { get; init; }

    /// <summary>The file's length, when the answer says it (a range's total, a whole body's length).</summary>
    public long? Total { get; init; }

    /// <summary>What identifies the body for If-Range: a strong ETag, else Last-Modified; null when neither.</summary>
    public RangeConditionHeaderValue? Validator { get; init; }

    /// <summary>The ETag as sent, strong or weak.</summary>
    public string? ETag => Response.Headers.ETag?.ToString();

    public DateTimeOffset? LastModified => Response.Content.Headers.LastModified;

    /// <summary>A digest of the whole file, when the server sent one.</summary>
    public ServerDigest? Digest { get; init; }

    public Task<Stream> ReadAsync(CancellationToken cancellationToken) => Response.Content.ReadAsStreamAsync(cancellationToken);

    public void Dispose()
    {
        Response.Dispose();
        Response.RequestMessage?.Dispose();
    }
}
