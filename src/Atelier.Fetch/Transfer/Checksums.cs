using System.Buffers;
using System.Security.Cryptography;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// The hashes a finished file is checked with: SHA-256 (asked for, or the server's digest) and the server digest's own
/// algorithm when it is another. Fed as bytes are written, while they are written in order from the first; otherwise
/// (a resumed <c>.part</c>, a split download) taken from the finished file.
/// </summary>
/// <remarks>Fed by one connection at a time.</remarks>
internal sealed class Checksums : IDisposable
{
    private const int ReadSize = 256 * 1024;
    private readonly Dictionary<string, IncrementalHash> hashes = new(StringComparer.Ordinal);
    private long fed;
    private bool inOrder = true;

    private Checksums(IEnumerable<HashAlgorithmName> algorithms)
    {
        foreach (var algorithm in algorithms)
        {
            hashes.TryAdd(algorithm.Name!, IncrementalHash.CreateHash(algorithm));
        }
    }

    /// <summary>Hashes for what the file is to be checked with; null when nothing is.</summary>
    public static Checksums? For(bool sha256, ServerDigest? digest)
    {
        if (!sha256 && digest is null)
        {
            return null;
        }

        List<HashAlgorithmName> algorithms = [];
        if (sha256)
        {
            algorithms.Add(HashAlgorithmName.SHA256);
        }

        if (digest is not null)
        {
            algorithms.Add(digest.Algorithm);
        }

        return algorithms.Count == 0 ? null : new Checksums(algorithms);
    }

    /// <summary>Feeds bytes written at <paramref name="offset"/>; bytes out of order mean the file is hashed at the end.</summary>
    public void Append(long offset, ReadOnlySpan<byte> bytes)
    {
        if (!inOrder || offset != fed)
        {
            inOrder = false;
            return;
        }

        foreach (var hash in hashes.Values)
        {
            hash.AppendData(bytes);
        }

        fed += bytes.Length;
    }

    /// <summary>Makes the hashes cover the whole file of <paramref name="length"/> bytes, reading it when they were not fed it all.</summary>
    public async Task CompleteAsync(string path, long length, CancellationToken cancellationToken)
    {
        if (inOrder && fed == length)
        {
            return;
        }

        foreach (var hash in hashes.Values)
        {
            hash.GetHashAndReset();
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    foreach (var hash in hashes.Values)
                    {
                        hash.AppendData(buffer, 0, read);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        (fed, inOrder) = (length, true);
    }

    /// <summary>The hash of everything fed (after <see cref="CompleteAsync"/>: of the file); null when not computed.</summary>
    public byte[]? Of(HashAlgorithmName algorithm) => hashes.TryGetValue(algorithm.Name!, out var hash) ? hash.GetCurrentHash() : null;

    public void Dispose()
    {
        foreach (var hash in hashes.Values)
        {
            hash.Dispose();
        }
    }
}
