namespace Atelier.Jobs.Pipes;

/// <summary>How an input is cut into blocks for jobs' stdin, GNU parallel's <c>--pipe</c> and <c>--pipe-part</c> options.</summary>
internal sealed class BlockOptions
{
    /// <summary>
    /// About how many bytes a block holds (<c>--block</c>). A stream's blocks end at the last record boundary within
    /// this size; a file's (<c>--pipe-part</c>) at the first boundary past it. For a file, a negative value -N means
    /// N blocks per job slot: the file's size divided by the job slots and by N.
    /// </summary>
    /// <value>1 MiB.</value>
    public long BlockSize { get; init; } = 1 << 20;

    /// <summary>Exactly this many records per block (GNU parallel's <c>-N</c> with <c>--pipe</c>), instead of a size; the last block may hold fewer.</summary>
    /// <value>None: blocks are cut by size.</value>
    public int? Records { get; init; }

    /// <summary>What ends a record (<c>--recend</c>).</summary>
    /// <value>A newline.</value>
    public ReadOnlyMemory<byte> RecordEnd { get; init; } = "\n"u8.ToArray();

    /// <summary>What starts a record (<c>--recstart</c>); a block is cut only where a record end is followed by a record start.</summary>
    /// <value>Nothing.</value>
    public ReadOnlyMemory<byte> RecordStart { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>How many lines at the start of the input are a header, given to every block before its own data (<c>--header N</c>).</summary>
    /// <value>0.</value>
    public int HeaderLines { get; init; }

    /// <summary>The bytes a block is cut after: a record end followed by a record start.</summary>
    internal byte[] Boundary => [.. RecordEnd.Span, .. RecordStart.Span];
}
