using nietras.SeparatedValues;

namespace Atelier.Jobs.Inputs;

/// <summary>CSV records (RFC 4180) read with Sep, each record's fields as values.</summary>
internal static class CsvRows
{
    /// <exception cref="AtelierException">A quoted field is not closed, or reading fails; the message names the line it starts on.</exception>
    public static IEnumerable<string[]> Read(TextReader reader, char separator, string name, bool dispose, int firstLine = 1)
    {
        try
        {
            using var csv = Open(reader, separator, name);
            while (Next(csv, name))
            {
                var row = csv.Current;
                var fields = new string[row.ColCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    var raw = row[i].Span;
                    if (raw.StartsWith('"') && !IsClosed(raw))
                    {
                        throw new AtelierException($"{name}, line {firstLine + row.LineNumberFrom - 1}: a quoted field is not closed (a \" with no \" after it).");
                    }

                    fields[i] = Unquote(raw);
                }

                yield return fields;
            }
        }
        finally
        {
            if (dispose)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>One more record; a read that fails (a file gone bad under us) is one line naming the source.</summary>
    private static bool Next(SepReader csv, string name)
    {
        try
        {
            return csv.MoveNext();
        }
        catch (IOException e)
        {
            throw new AtelierException($"Reading input '{name}' failed: {e.Message}", e);
        }
    }

    private static SepReader Open(TextReader reader, char separator, string name)
    {
        try
        {
            // Quotes are parsed (separators and newlines inside them are data) but kept, so that an unclosed one is seen.
            return Sep.New(separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).From(reader);
        }
        catch (IOException e)
        {
            throw new AtelierException($"Reading input '{name}' failed: {e.Message}", e);
        }
    }

    /// <summary>Whether a field that starts with a quote ends with the quote that closes it (quotes inside come doubled).</summary>
    private static bool IsClosed(ReadOnlySpan<char> field) => field.Length >= 2 && field[^1] == '"' && field.Count('"') % 2 == 0;

    private static string Unquote(ReadOnlySpan<char> field) =>
        field.StartsWith('"') ? field[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : field.ToString();
}
