using System.Runtime.CompilerServices;

namespace Atelier.Fetch.Input;

/// <summary>
/// Reads an input list, one request per line: a URL, then optionally mirrors of it (other URLs serving the same file,
/// TAB-separated as in aria2's lists), <c>sha256=HEX</c> and <c>out=NAME</c>, separated by whitespace. Blank lines and
/// lines starting with <c>#</c> are skipped.
/// </summary>
/// <remarks>Lines are read one at a time as they are needed: the list is never held in memory.</remarks>
public static class FetchListReader
{
    /// <summary>Streams the requests of a list; a line that cannot be read becomes a request carrying its problem.</summary>
    public static async IAsyncEnumerable<FetchRequest> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            yield return Parse(text, number);
        }
    }

    /// <summary>Reads one non-blank line.</summary>
    public static FetchRequest Parse(string line, long number = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Skip(1).Any(f => !f.Contains('=', StringComparison.Ordinal) && !IsUrl(f)))
        {
            // Words after the first that are not NAME=VALUE: the line is not a URL at all ("not a url"), so say that
            // once about the whole line rather than fetch its first word.
            return new FetchRequest(line, Line: number, Problem: $"line {number}: '{line}' is not a URL (one URL a line, its mirrors, then sha256=HEX or out=NAME)");
        }

        var request = new FetchRequest(fields[0], Line: number);
        var mirrors = new List<string>();
        foreach (var field in fields.Skip(1))
        {
            request = field switch
            {
                _ when field.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) => WithSha256(request, field[7..]),
                _ when field.StartsWith("out=", StringComparison.Ordinal) && field.Length > 4 => request with { OutName = field[4..] },
                _ when IsUrl(field) => Mirror(request, mirrors, field),
                _ => request with { Problem = request.Problem ?? $"line {number}: '{field}' is neither a mirror URL, sha256=HEX nor out=NAME" },
            };
        }

        return mirrors.Count == 0 ? request : request with { Mirrors = mirrors };
    }

    private static bool IsUrl(string field) => field.Contains("://", StringComparison.Ordinal);

    private static FetchRequest Mirror(FetchRequest request, List<string> mirrors, string url)
    {
        mirrors.Add(url);
        return request;
    }

    private static FetchRequest WithSha256(FetchRequest request, string hex) =>
        hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
            ? request with { Sha256 = hex.ToLowerInvariant() }
            : request with { Problem = request.Problem ?? $"line {request.Line}: sha256 '{hex}' is not 64 hexadecimal digits" };
}
