using System.Text;

namespace Atelier.Cli.Commands.Run;

/// <summary>
/// A byte stream onto a <see cref="TextWriter"/>, decoding UTF-8 as it goes (a character split across writes is
/// kept until its last byte): how job output reaches a writer that is not the process's own stdout or stderr.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : WriteOnlyStream
{
    private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();

    /// <summary>The process's own stream when <paramref name="writer"/> is Console.Out or Console.Error, else one onto the writer.</summary>
    public static Stream For(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) ? Console.OpenStandardOutput()
        : ReferenceEquals(writer, Console.Error) ? Console.OpenStandardError()
        : new TextWriterStream(writer);

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
