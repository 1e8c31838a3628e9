using System.Text;
using Spectre.Console;

namespace Atelier.Cli.Batch;

/// <summary>
/// Text written through the console a live display runs on, a whole line at a time, so it lands above the display
/// instead of inside it. A line without its end waits for the rest, or for <see cref="Flush"/>.
/// </summary>
internal sealed class LiveLineWriter(IAnsiConsole console) : TextWriter
{
    private readonly Lock gate = new();
    private readonly StringBuilder pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (gate)
        {
            if (value == '\n')
            {
                WritePending();
            }
            else if (value != '\r')
            {
                pending.Append(value);
            }
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (gate)
        {
            while (!buffer.IsEmpty)
            {
                var end = buffer.IndexOf('\n');
                if (end < 0)
                {
                    pending.Append(buffer);
                    return;
                }

                pending.Append(buffer[..end].TrimEnd('\r'));
                WritePending();
                buffer = buffer[(end + 1)..];
            }
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            Write(value.AsSpan());
            WritePending();
        }
    }

    public override void Flush()
    {
        lock (gate)
        {
            if (pending.Length > 0)
            {
                WritePending();
            }
        }
    }

    /// <summary>
    /// Writes the line cut at the terminal's width, each piece filling its row: the live display counts the rows it is
    /// moved down by and does not clear them, so a line the terminal wraps by itself takes more rows than it counts, and
    /// a short one leaves the rest of the old frame's row beside it.
    /// </summary>
    private void WritePending()
    {
        var width = Math.Max(20, console.Profile.Width);
        var text = new StringBuilder((pending.Length / width + 1) * (width + 1));
        for (var start = 0; start < pending.Length || start == 0; start += width)
        {
            var piece = Math.Min(width, pending.Length - start);
            text.Append(pending, start, piece).Append(' ', width - piece).Append('\n');
        }

        console.Write(new Text(text.ToString()));
        pending.Clear();
    }
}
