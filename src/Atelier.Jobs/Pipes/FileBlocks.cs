namespace Atelier.Jobs.Pipes;

/// <summary>
/// Cuts a file into ranges at record boundaries without reading it through (<c>--pipe-part</c>), as GNU parallel's
/// <c>--pipepart</c> does: from each multiple of the block size, the range ends after the first record boundary.
/// Only the bytes around each cut are read here; the jobs get the ranges from the kernel.
/// </summary>
internal static class FileBlocks
{
    private const int ScanSize = 1 << 17;

    /// <summary>The ranges of <paramref name="path"/>, found as they are asked for.</summary>
    /// <param name="path">A regular file: something that can be read at an offset.</param>
    /// <param name="options">The block size (negative: that many blocks per job slot), the record boundary, the header.</param>
    /// <param name="jobSlots">How many jobs run at once, for a negative block size.</param>
    /// <exception cref="AtelierException">The file cannot be opened or is not seekable.</exception>
    public static IEnumerable<FileRange> Split(string path, BlockOptions options, int jobSlots)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfZero(options.BlockSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobSlots, 1);
        if (options.Records is not null)
        {
            throw new AtelierException("Blocks of a file are cut by size, not by a number of records: give --block, not -N.");
        }

        long size;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            size = file.CanSeek ? file.Length : -1;
            if (size < 0)
            {
                throw new AtelierException($"'{path}' is not a file that can be read at an offset; pipe it in with --pipe instead.");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot read input file '{path}': {e.Message}", e);
        }

        var block = options.BlockSize > 0 ? options.BlockSize : 1 + (size / jobSlots / -options.BlockSize);
        return Ranges(path, size, block, options);
    }

    private static IEnumerable<FileRange> Ranges(string path, long size, long block, BlockOptions options)
    {
        var boundary = options.Boundary;
        ReadOnlyMemory<byte> header;
        using (var file = File.OpenHandle(path))
        {
            header = ReadHeader(file, options.HeaderLines);
        }

        var start = (long)header.Length;
        for (var at = block + start; at < size; at += block)
        {
            if (boundary.Length > 0)
            {
                using var file = File.OpenHandle(path);
                var found = Find(file, at, boundary);
                if (found < 0)
                {
                    break;
                }

                at = found + options.RecordEnd.Length;
            }

            yield return new FileRange(path, start, at - start, header);
            start = at;
        }

        if (start < size)
        {
            yield return new FileRange(path, start, size - start, header);
        }
    }

    /// <summary>The offset of the first <paramref name="boundary"/> at or after <paramref name="from"/>; -1 when there is none.</summary>
    private static long Find(Microsoft.Win32.SafeHandles.SafeFileHandle file, long from, byte[] boundary)
    {
        var buffer = new byte[ScanSize + boundary.Length];
        var kept = 0;
        var offset = from;
        while (true)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(kept, ScanSize), offset);
            if (read == 0)
            {
                return -1;
            }

            var window = buffer.AsSpan(0, kept + read);
            var at = window.IndexOf(boundary);
            if (at >= 0)
            {
                return offset - kept + at;
            }

            // A boundary may straddle two reads: keep its length less one byte.
            kept = Math.Min(boundary.Length - 1, window.Length);
            window[^kept..].CopyTo(buffer);
            offset += read;
        }
    }

    private static ReadOnlyMemory<byte> ReadHeader(Microsoft.Win32.SafeHandles.SafeFileHandle file, int lines)
    {
        if (lines <= 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var header = new List<byte>();
        var buffer = new byte[ScanSize];
        long offset = 0;
        var found = 0;
        int read;
        while ((read = RandomAccess.Read(file, buffer, offset)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                header.Add(buffer[i]);
                if (buffer[i] == '\n' && ++found == lines)
                {
                    return header.ToArray();
                }
            }

            offset += read;
        }

        return ReadOnlyMemory<byte>.Empty;
    }
}
