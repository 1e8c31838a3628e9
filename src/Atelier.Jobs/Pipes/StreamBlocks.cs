using System.Buffers;

namespace Atelier.Jobs.Pipes;

/// <summary>
/// Cuts a stream (standard input, say) into blocks at record boundaries, as GNU parallel's <c>--pipe</c> does, so
/// that the same input gives the same blocks: read up to the block size, cut after the last record boundary in it
/// (or after every N records with <see cref="BlockOptions.Records"/>), carry the rest over to the next block.
/// </summary>
/// <remarks>
/// Read lazily, one block at a time, each in a pooled buffer its job returns: at most the blocks whose jobs run, and
/// the one being read, are in memory. A record longer than the block size makes the block grow (by 1.3x and a byte,
/// as GNU parallel does) until it fits.
/// </remarks>
internal static class StreamBlocks
{
    /// <summary>The blocks of <paramref name="input"/>, read as they are asked for.</summary>
    /// <exception cref="AtelierException">Reading the input failed.</exception>
    public static IEnumerable<MemoryBlock> Read(Stream input, BlockOptions options, string name = "standard input")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Records ?? 1, 1);
        return ReadBlocks(new Reader(input, name), options);
    }

    private static IEnumerable<MemoryBlock> ReadBlocks(Reader input, BlockOptions options)
    {
        var boundary = options.Boundary;
        var endLength = options.RecordEnd.Length;
        var size = (int)Math.Min(options.BlockSize, Array.MaxLength);

        // A pool of this reader's own: blocks come back to it as their jobs end, and it keeps no more of them than
        // a few, so memory stays at the blocks in flight (the shared pool would keep more, on every thread).
        var pool = ArrayPool<byte>.Create(Array.MaxLength, maxArraysPerBucket: 4);
        byte[]? buffer = pool.Rent(size);
        var filled = 0;
        try
        {
            var header = ReadHeader(input, options.HeaderLines, ref buffer, ref filled, size, pool);
            while (true)
            {
                Grow(ref buffer, filled, size, pool);
                var ended = input.Fill(buffer, ref filled, size);

                // By size, the rest of an ended input is the last block as it is; by records, it is cut as any other.
                if (ended && options.Records is null)
                {
                    break;
                }

                var written = false;
                if (options.Records is { } records)
                {
                    // Every complete group of N records in what was read, each a block of its own.
                    var start = 0;
                    while (start < filled && NthBoundary(buffer.AsSpan(start, filled - start), boundary, records) is var at and >= 0)
                    {
                        var end = start + at + endLength;
                        yield return Copy(header, buffer.AsSpan(start, end - start), pool);
                        start = end;
                        written = true;
                    }

                    filled = Carry(buffer, start, filled);
                }
                else if (buffer.AsSpan(0, filled).LastIndexOf(boundary) is var last and >= 0 && last + endLength > 0)
                {
                    // The block keeps the buffer; what follows its last record (a part of one) goes on to the next.
                    // The next buffer is taken only when the next block is asked for: by then a job has usually
                    // ended and given its buffer back, so the blocks in memory are the jobs' and one more.
                    var cut = last + endLength;
                    var carry = buffer.AsSpan(cut, filled - cut).ToArray();
                    var block = new MemoryBlock(header, buffer, cut, pool);
                    buffer = null;
                    yield return block;
                    buffer = pool.Rent(size);
                    carry.CopyTo(buffer, 0);
                    filled = carry.Length;
                    written = true;
                }

                if (ended)
                {
                    break;
                }

                if (!written)
                {
                    // Not one whole record fits: a bigger block, as GNU parallel does.
                    size = (int)Math.Min(Math.Ceiling(size * 1.3 + 1), Array.MaxLength);
                }
            }

            if (filled > 0)
            {
                var block = new MemoryBlock(header, buffer, filled, pool);
                buffer = null;
                yield return block;
            }
        }
        finally
        {
            if (buffer is not null)
            {
                pool.Return(buffer);
            }
        }
    }

    /// <summary>The first <paramref name="lines"/> lines, when the input has that many; what follows stays in the buffer.</summary>
    private static ReadOnlyMemory<byte> ReadHeader(Reader input, int lines, ref byte[] buffer, ref int filled, int size, ArrayPool<byte> pool)
    {
        if (lines <= 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var end = -1;
        var eof = false;
        while (!eof)
        {
            Grow(ref buffer, filled, filled + size, pool);
            eof = input.Fill(buffer, ref filled, filled + size);
            end = NthLineEnd(buffer.AsSpan(0, filled), lines);
            if (end >= 0)
            {
                break;
            }
        }

        if (end < 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var header = buffer.AsSpan(0, end + 1).ToArray();
        filled = Carry(buffer, end + 1, filled);
        return header;
    }

    /// <summary>Where the Nth boundary is, counting as GNU parallel does: the search starts at the block's second byte.</summary>
    private static int NthBoundary(ReadOnlySpan<byte> data, ReadOnlySpan<byte> boundary, int n)
    {
        var at = 0;
        for (var found = 0; found < n; found++)
        {
            if (at + 1 > data.Length)
            {
                return -1;
            }

            var next = data[(at + 1)..].IndexOf(boundary);
            if (next < 0)
            {
                return -1;
            }

            at += 1 + next;
        }

        return at;
    }

    private static int NthLineEnd(ReadOnlySpan<byte> data, int lines)
    {
        var at = -1;
        for (var line = 0; line < lines; line++)
        {
            var next = data[(at + 1)..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return -1;
            }

            at += 1 + next;
        }

        return at;
    }

    private static MemoryBlock Copy(ReadOnlyMemory<byte> header, ReadOnlySpan<byte> data, ArrayPool<byte> pool)
    {
        var copy = pool.Rent(data.Length);
        data.CopyTo(copy);
        return new MemoryBlock(header, copy, data.Length, pool);
    }

    /// <summary>Moves the bytes from <paramref name="start"/> to the front; returns how many there are.</summary>
    private static int Carry(byte[] buffer, int start, int filled)
    {
        buffer.AsSpan(start, filled - start).CopyTo(buffer);
        return filled - start;
    }

    private static void Grow(ref byte[] buffer, int filled, int size, ArrayPool<byte> pool)
    {
        if (buffer.Length >= size)
        {
            return;
        }

        var bigger = pool.Rent(size);
        buffer.AsSpan(0, filled).CopyTo(bigger);
        pool.Return(buffer);
        buffer = bigger;
    }

    /// <summary>The input, read in whole reads; a failure becomes one line naming it.</summary>
    private sealed class Reader(Stream stream, string name)
    {
        /// <summary>Reads until <paramref name="filled"/> reaches <paramref name="size"/>; true when the input ended first.</summary>
        public bool Fill(byte[] buffer, ref int filled, int size)
        {
            try
            {
                while (filled < size)
                {
                    var read = stream.Read(buffer, filled, size - filled);
                    if (read == 0)
                    {
                        return true;
                    }

                    filled += read;
                }

                return false;
            }
            catch (IOException e)
            {
                throw new AtelierException($"Reading {name} failed: {e.Message}", e);
            }
        }
    }
}
