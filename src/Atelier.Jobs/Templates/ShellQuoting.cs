using System.Buffers;

namespace Atelier.Jobs.Templates;

/// <summary>Quotes text for a POSIX shell so that it stays one word with its exact characters.</summary>
internal static class ShellQuoting
{
    private static readonly SearchValues<char> Plain = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-");

    /// <summary>
    /// The text as is when it has only characters a shell leaves alone; otherwise in single quotes, each single
    /// quote written as <c>'\''</c>. Inside single quotes a shell expands nothing: not <c>$</c>, backticks or newlines.
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && !text.AsSpan().ContainsAnyExcept(Plain) ? text : $"'{text.Replace("'", @"'\''", StringComparison.Ordinal)}'";
    }

    /// <summary>Each argument quoted, joined by spaces: a command line a shell splits back into the same arguments.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}
