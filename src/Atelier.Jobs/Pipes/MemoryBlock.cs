using System.Buffers;
using System.Runtime.Versioning;
using Atelier.Jobs.Unix;

namespace Atelier.Jobs.Pipes;

/// <summary>A block read from a stream (<c>--pipe</c>), held in its reader's pooled buffer until its job has ended, after the header every block repeats.</summary>
internal sealed class MemoryBlock : JobInput
{
    private readonly ReadOnlyMemory<byte> header;
    private byte[]? buffer;
    private readonly int length;
    private readonly ArrayPool<byte>? pool;

    internal MemoryBlock(ReadOnlyMemory<byte> header, byte[] buffer, int length, ArrayPool<byte>? pool)
    {
        this.header = header;
        this.buffer = buffer;
        this.length = length;
        this.pool = pool;
    }

    /// <summary>A block holding <paramref name="data"/> as it is (what a queue worker was sent).</summary>
    public static MemoryBlock From(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new MemoryBlock(ReadOnlyMemory<byte>.Empty, data, data.Length, pool: null);
    }

    /// <inheritdoc />
    public override long Length => header.Length + length;

    /// <summary>The block's bytes after the header.</summary>
    /// <exception cref="ObjectDisposedException">It was disposed.</exception>
    public ReadOnlySpan<byte> Data => (buffer ?? throw new ObjectDisposedException(nameof(MemoryBlock))).AsSpan(0, length);

    /// <summary>The header and the data, as the job receives them.</summary>
    public override byte[] ToArray() => [.. header.Span, .. Data];

    /// <inheritdoc />
    [SupportedOSPlatform("linux")]
    internal override bool WriteTo(InputPipe pipe) => WriteTo(pipe, withHeader: true);

    /// <summary>Writes the data, after the header when asked (round robin gives each job the header once).</summary>
    [SupportedOSPlatform("linux")]
    internal bool WriteTo(InputPipe pipe, bool withHeader) => (!withHeader || pipe.Write(header.Span)) && pipe.Write(Data);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref buffer, null) is { } held)
        {
            pool?.Return(held);
        }
    }
}
