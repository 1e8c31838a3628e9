using Microsoft.Win32.SafeHandles;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// The first bytes of a ranged answer, asked for again from just before the bytes wanted, to be compared with what is
/// saved there: a server whose range answers carry bytes from elsewhere (a body shifted from its Content-Range, a file
/// that changed without a validator saying so) is caught where its answer meets what is known.
/// </summary>
internal sealed class Seam
{
    /// <summary>How many bytes before a range are asked for again.</summary>
    public const int Size = 4096;

    private readonly byte[] bytes;
    private int filled;

    public Seam(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Offset = offset;
        bytes = new byte[length];
    }

    /// <summary>Where the seam's first byte belongs in the file.</summary>
    public long Offset { get; }

    public int Length => bytes.Length;

    /// <summary>Whether all its bytes arrived.</summary>
    public bool Complete => filled == bytes.Length;

    /// <summary>The seam an answer starting at <paramref name="start"/> carries before <paramref name="from"/>; null for none.</summary>
    public static Seam? Between(long start, long from) => from > start ? new Seam(start, (int)(from - start)) : null;

    /// <summary>Takes what the seam still lacks from the start of <paramref name="body"/>; returns the rest.</summary>
    public ReadOnlySpan<byte> Take(ReadOnlySpan<byte> body)
    {
        var count = Math.Min(body.Length, bytes.Length - filled);
        body[..count].CopyTo(bytes.AsSpan(filled));
        filled += count;
        return body[count..];
    }

    /// <summary>Whether the file holds the same bytes where the seam lies.</summary>
    public bool Matches(SafeFileHandle file)
    {
        Span<byte> saved = stackalloc byte[Size];
        saved = saved[..bytes.Length];
        var read = 0;
        while (read < saved.Length && RandomAccess.Read(file, saved[read..], Offset + read) is var count and > 0)
        {
            read += count;
        }

        return read == saved.Length && saved.SequenceEqual(bytes);
    }

    /// <summary>The answer's bytes are not the file's.</summary>
    public UntrustedAnswerException Mismatch(bool spoiled) =>
        new(Lie.SeamMismatch, $"the server's bytes {Offset}-{Offset + Length - 1} differ from the same bytes in an earlier answer", spoiled);
}
