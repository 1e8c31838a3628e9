using System.Buffers;
using System.Text;

namespace Atelier.Jobs.Running;

/// <summary>
/// What a job wrote to one of its streams: in memory up to a limit, then in a temporary file that is deleted when
/// this is disposed.
/// </summary>
/// <remarks>
/// Written by the runner while the job runs; read by the caller once the job's result is out. In memory it is a
/// list of pooled chunks, so a large output is never copied to grow and never lands on the large object heap;
/// disposing returns them, after which the output must not be read.
/// </remarks>
public sealed class JobOutput : IDisposable
{
    private const int ChunkSize = 128 * 1024;
    private readonly int memoryLimit;
    private readonly string? spillDirectory;
    private readonly List<byte[]> chunks = [];
    private int lastChunkUsed;
    private FileStream? spill;
    private byte[]? spillBuffer;

    internal JobOutput(int memoryLimit, string? spillDirectory)
    {
        this.memoryLimit = memoryLimit;
        this.spillDirectory = spillDirectory;
    }

    /// <summary>An output with nothing in it.</summary>
    public static JobOutput Empty { get; } = new(0, null);

    /// <summary>How many bytes the job wrote.</summary>
    public long Length { get; private set; }

    /// <summary>Whether the output outgrew the memory limit and sits in a temporary file.</summary>
    public bool Spilled => spill is not null;

    /// <summary>Copies the output to <paramref name="destination"/>.</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (spill is not null)
        {
            spill.Position = 0;
            await spill.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            await destination.WriteAsync(chunks[i].AsMemory(0, Used(i)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>All of the output in one array: what a queue worker posts.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        if (spill is not null)
        {
            spill.Position = 0;
            spill.ReadExactly(bytes);
            return bytes;
        }

        var at = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            chunks[i].AsSpan(0, Used(i)).CopyTo(bytes.AsSpan(at));
            at += Used(i);
        }

        return bytes;
    }

    /// <summary>The output decoded as UTF-8; for small outputs.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToArray());

    /// <inheritdoc />
    public void Dispose()
    {
        Complete();
        ReturnChunks();
        spill?.Dispose();
    }

    /// <summary>An output holding <paramref name="data"/> (a result that came through a queue).</summary>
    internal static JobOutput FromBytes(ReadOnlySpan<byte> data, int memoryLimit, string? spillDirectory)
    {
        var output = new JobOutput(memoryLimit, spillDirectory);
        while (!data.IsEmpty)
        {
            var buffer = output.GetAppendBuffer().Span;
            var count = Math.Min(buffer.Length, data.Length);
            data[..count].CopyTo(buffer);
            output.Advance(count);
            data = data[count..];
        }

        output.Complete();
        return output;
    }

    /// <summary>Room to read the job's next bytes into, directly: the free end of the last chunk, or a buffer for the file.</summary>
    internal Memory<byte> GetAppendBuffer()
    {
        if (spill is not null)
        {
            spillBuffer ??= ArrayPool<byte>.Shared.Rent(ChunkSize);
            return spillBuffer;
        }

        if (chunks.Count == 0 || lastChunkUsed == ChunkSize)
        {
            chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
            lastChunkUsed = 0;
        }

        return chunks[^1].AsMemory(lastChunkUsed, ChunkSize - lastChunkUsed);
    }

    /// <summary>Keeps <paramref name="count"/> bytes just read into the buffer <see cref="GetAppendBuffer"/> gave.</summary>
    internal void Advance(int count)
    {
        Length += count;
        if (spill is not null)
        {
            spill.Write(spillBuffer!, 0, count);
            return;
        }

        lastChunkUsed += count;
        if (Length > memoryLimit)
        {
            spill = new FileStream(
                Path.Combine(spillDirectory ?? Path.GetTempPath(), $"atelier-job-{Guid.NewGuid():N}.out"),
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                bufferSize: 0,
                FileOptions.DeleteOnClose);
            for (var i = 0; i < chunks.Count; i++)
            {
                spill.Write(chunks[i], 0, Used(i));
            }

            ReturnChunks();
        }
    }

    /// <summary>Says that the job's stream ended: buffers taken for reads that brought nothing go back to the pool.</summary>
    internal void Complete()
    {
        // The last chunk was taken for a read that found the end: give it back at once.
        if (chunks.Count > 0 && lastChunkUsed == 0)
        {
            ArrayPool<byte>.Shared.Return(chunks[^1]);
            chunks.RemoveAt(chunks.Count - 1);
            lastChunkUsed = chunks.Count == 0 ? 0 : ChunkSize;
        }

        if (spillBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(spillBuffer);
            spillBuffer = null;
        }
    }

    private int Used(int chunk) => chunk == chunks.Count - 1 ? lastChunkUsed : ChunkSize;

    private void ReturnChunks()
    {
        foreach (var chunk in chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        chunks.Clear();
        lastChunkUsed = 0;
    }
}
