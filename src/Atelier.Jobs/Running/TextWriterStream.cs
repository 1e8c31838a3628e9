using System.Text;

namespace Atelier.Jobs.Running;

/// <summary>
/// A byte stream onto a <see cref="TextWriter"/>, decoding UTF-8 as it goes (a character split across writes is
/// kept until its last byte): how job output reaches a writer rather than a file.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : WriteOnlyStream
{
    private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Span<char> chars = stackalloc char[1024];
        while (!buffer.IsEmpty)
        {
            decoder.Convert(buffer, chars, flush: false, out var used, out var produced, out _);
            writer.Write(chars[..produced]);
            buffer = buffer[used..];
        }
    }

    public override void Flush() => writer.Flush();
}
