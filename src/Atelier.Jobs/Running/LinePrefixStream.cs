namespace Atelier.Jobs.Running;

/// <summary>Writes through to another stream, putting a prefix at the start of every line (<c>--tag</c>).</summary>
internal sealed class LinePrefixStream(Stream inner, byte[] prefix) : WriteOnlyStream
{
    private bool atLineStart = true;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (atLineStart)
            {
                inner.Write(prefix);
            }

            var newline = buffer.IndexOf((byte)'\n');
            var line = newline < 0 ? buffer : buffer[..(newline + 1)];
            inner.Write(line);
            atLineStart = newline >= 0;
            buffer = buffer[line.Length..];
        }
    }

    public override void Flush() => inner.Flush();
}
