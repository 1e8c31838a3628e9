using System.Buffers.Text;

namespace Atelier.Proc;

/// <summary>Allocation-free scanning of /proc text: lines, fields, unsigned numbers.</summary>
/// <param name="text">The text to read lines from.</param>
public ref struct ProcText(ReadOnlySpan<byte> text)
{
    private ReadOnlySpan<byte> rest = text;

    /// <summary>The next line, without its newline; false at the end.</summary>
    public bool NextLine(out ReadOnlySpan<byte> line)
    {
        if (rest.IsEmpty)
        {
            line = default;
            return false;
        }

        var end = rest.IndexOf((byte)'\n');
        line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? default : rest[(end + 1)..];
        return true;
    }

    /// <summary>Takes the next whitespace-separated field off the front of a line.</summary>
    public static ReadOnlySpan<byte> Field(ref ReadOnlySpan<byte> line)
    {
        line = line.TrimStart(" \t"u8);
        var end = line.IndexOfAny(" \t"u8);
        var field = end < 0 ? line : line[..end];
        line = end < 0 ? default : line[end..];
        return field;
    }

    /// <summary>Takes the next field as a number; 0 when it is missing or not a number.</summary>
    public static ulong Number(ref ReadOnlySpan<byte> line) =>
        Utf8Parser.TryParse(Field(ref line), out ulong value, out _) ? value : 0;

    /// <summary>Takes the next field as a decimal number (0.52); 0 when it is missing or not a number.</summary>
    public static double Decimal(ref ReadOnlySpan<byte> line) =>
        Utf8Parser.TryParse(Field(ref line), out double value, out _) ? value : 0;
}
