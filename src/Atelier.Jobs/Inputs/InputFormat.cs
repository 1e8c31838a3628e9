using System.Text.RegularExpressions;

namespace Atelier.Jobs.Inputs;

/// <summary>How an input source's text becomes values: records, columns, a header.</summary>
internal sealed record InputFormat
{
    /// <summary>One value per line, no columns, no header.</summary>
    public static InputFormat Lines { get; } = new();

    /// <summary>What ends each record: <c>'\n'</c> (a trailing <c>'\r'</c> is dropped too) or <c>'\0'</c>. Ignored by <see cref="Csv"/>.</summary>
    public char RecordEnd { get; init; } = '\n';

    /// <summary>Splits each record into columns, each a value of its own (<c>--colsep</c>); null for one value per record.</summary>
    public Regex? ColumnSeparator { get; init; }

    /// <summary>
    /// Reads the text as CSV (RFC 4180: quoted fields may hold the separator, quotes doubled, and newlines), with
    /// this separator; null for plain records.
    /// </summary>
    public char? Csv { get; init; }

    /// <summary>Whether the first record names the columns rather than being values (<c>--header :</c>).</summary>
    public bool Header { get; init; }

    /// <summary>Whether records are cut into columns at all.</summary>
    public bool HasColumns => ColumnSeparator is not null || Csv is not null;
}
