using System.Runtime.Versioning;
using Atelier.Jobs.Unix;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Jobs.Pipes;

/// <summary>
/// A range of a file (<c>--pipe-part</c>) after the header every block repeats: moved from the file into the job's
/// pipe by the kernel, never copied through atelier.
/// </summary>
internal sealed class FileRange : JobInput
{
    private readonly ReadOnlyMemory<byte> header;

    internal FileRange(string path, long offset, long count, ReadOnlyMemory<byte> header)
    {
        Path = path;
        Offset = offset;
        Count = count;
        this.header = header;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Where the range starts.</summary>
    public long Offset { get; }

    /// <summary>How many bytes of the file it holds.</summary>
    public long Count { get; }

    /// <inheritdoc />
    public override long Length => header.Length + Count;

    /// <inheritdoc />
    [SupportedOSPlatform("linux")]
    internal override bool WriteTo(InputPipe pipe)
    {
        using SafeFileHandle file = File.OpenHandle(Path);
        return pipe.Write(header.Span) && pipe.Splice(file, Offset, Count);
    }

    /// <inheritdoc />
    public override byte[] ToArray()
    {
        var bytes = new byte[checked((int)Length)];
        header.Span.CopyTo(bytes);
        using SafeFileHandle file = File.OpenHandle(Path);
        var read = 0;
        while (read < Count)
        {
            var n = RandomAccess.Read(file, bytes.AsSpan(header.Length + read, (int)Count - read), Offset + read);
            if (n == 0)
            {
                throw new IOException($"{Path} ended before its range did: it changed while being read.");
            }

            read += n;
        }

        return bytes;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path} [{Offset}, {Offset + Count})";
}
