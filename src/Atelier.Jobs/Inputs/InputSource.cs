using System.Text;

namespace Atelier.Jobs.Inputs;

/// <summary>
/// Where the values of jobs come from: a list (<c>::: a b c</c>), a file (<c>:::: FILE</c>) or a reader such as
/// standard input, one value per line or per NUL-terminated record, or one per column of each record
/// (<see cref="InputFormat"/>); read as the jobs need them, never all at once.
/// </summary>
internal sealed class InputSource
{
    private readonly Func<IEnumerable<string[]>> read;
    private readonly bool readOnce;
    private List<string[]>? kept;

    private InputSource(string name, Func<IEnumerable<string[]>> read, bool readOnce, bool linkedToPrevious, IReadOnlyList<string>? header = null)
    {
        Name = name;
        this.read = read;
        this.readOnce = readOnce;
        LinkedToPrevious = linkedToPrevious;
        Header = header;
    }

    /// <summary>What the source is, for messages: <c>:::</c> values, a file's path, or standard input.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether this source pairs up with the one before it (<c>:::+</c>, <c>::::+</c>), value by value, instead of
    /// multiplying with it; the shorter of linked sources starts over until the longest ends.
    /// </summary>
    public bool LinkedToPrevious { get; }

    /// <summary>The names of the columns, from the first record, when the format has a header; otherwise null.</summary>
    public IReadOnlyList<string>? Header { get; }

    /// <summary>Values given in full, such as those after <c>:::</c> on a command line.</summary>
    public static InputSource FromValues(IReadOnlyList<string> values, bool linkedToPrevious = false) => FromValues(values, InputFormat.Lines, linkedToPrevious);

    /// <summary>Values given in full, each a record of <paramref name="format"/> (cut into columns, the first one a header).</summary>
    public static InputSource FromValues(IReadOnlyList<string> values, InputFormat format, bool linkedToPrevious = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(format);
        IEnumerable<string[]> Rows() => values.Select((value, index) => Columns(value, format, ":::", index + 1));
        return format.Header
            ? new(":::", () => Rows().Skip(1), readOnce: false, linkedToPrevious, Rows().FirstOrDefault() ?? [])
            : new(":::", Rows, readOnce: false, linkedToPrevious);
    }

    /// <summary>A file, opened again each time the source is read from the start.</summary>
    /// <param name="path">The file.</param>
    /// <param name="separator">What ends each value: <c>'\n'</c> (a trailing <c>'\r'</c> is dropped too) or <c>'\0'</c>.</param>
    /// <param name="linkedToPrevious">See <see cref="LinkedToPrevious"/>.</param>
    /// <exception cref="AtelierException">The file cannot be opened.</exception>
    public static InputSource FromFile(string path, char separator = '\n', bool linkedToPrevious = false) =>
        FromFile(path, separator == '\n' ? InputFormat.Lines : new InputFormat { RecordEnd = separator }, linkedToPrevious);

    /// <summary>A file in <paramref name="format"/>, opened again each time the source is read from the start.</summary>
    /// <exception cref="AtelierException">The file cannot be opened, or its header cannot be read.</exception>
    public static InputSource FromFile(string path, InputFormat format, bool linkedToPrevious = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(format);
        try
        {
            File.OpenHandle(path).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot read input file '{path}': {e.Message}", e);
        }

        IEnumerable<string[]> Rows() => ReadRows(new StreamReader(path, Encoding.UTF8), format, path);
        return format.Header
            ? new(path, () => Rows().Skip(1), readOnce: false, linkedToPrevious, Rows().FirstOrDefault() ?? [])
            : new(path, Rows, readOnce: false, linkedToPrevious);
    }

    /// <summary>
    /// A reader that can be read only once, such as standard input. When the combination of sources needs it again,
    /// the values read the first time are kept in memory.
    /// </summary>
    public static InputSource FromReader(TextReader reader, char separator = '\n', bool linkedToPrevious = false, string name = "standard input") =>
        FromReader(reader, separator == '\n' ? InputFormat.Lines : new InputFormat { RecordEnd = separator }, linkedToPrevious, name);

    /// <summary>A reader in <paramref name="format"/> that can be read only once (see the other overload); a header is read now.</summary>
    public static InputSource FromReader(TextReader reader, InputFormat format, bool linkedToPrevious = false, string name = "standard input")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(format);
        if (!format.Header)
        {
            return new(name, () => ReadRows(reader, format, name, dispose: false), readOnce: true, linkedToPrevious);
        }

        var rows = ReadRows(reader, format, name, dispose: false).GetEnumerator();
        var header = rows.MoveNext() ? rows.Current : [];
        return new(name, () => Rest(rows), readOnce: true, linkedToPrevious, header);
    }

    /// <summary>The records from the start, each its values; <paramref name="again"/> says whether they may be asked for once more.</summary>
    internal IEnumerable<string[]> Read(bool again)
    {
        if (!readOnce)
        {
            return read();
        }

        if (kept is not null)
        {
            return kept;
        }

        if (!again)
        {
            return read();
        }

        kept = [];
        return Keep(read(), kept);
    }

    private static IEnumerable<string[]> Rest(IEnumerator<string[]> rows)
    {
        using (rows)
        {
            while (rows.MoveNext())
            {
                yield return rows.Current;
            }
        }
    }

    private static IEnumerable<string[]> Keep(IEnumerable<string[]> values, List<string[]> kept)
    {
        foreach (var value in values)
        {
            kept.Add(value);
            yield return value;
        }
    }

    private static IEnumerable<string[]> ReadRows(TextReader reader, InputFormat format, string name, bool dispose = true)
    {
        if (format.Csv is { } separator)
        {
            return CsvRows.Read(reader, separator, name, dispose);
        }

        var records = ReadValues(reader, format.RecordEnd, name, dispose);
        return format.ColumnSeparator is { } columns ? records.Select(record => columns.Split(record)) : records.Select(record => new[] { record });
    }

    private static string[] Columns(string value, InputFormat format, string name, int line) => format switch
    {
        { Csv: { } separator } => CsvRows.Read(new StringReader(value), separator, name, dispose: true, firstLine: line).FirstOrDefault() ?? [""],
        { ColumnSeparator: { } columns } => columns.Split(value),
        _ => [value],
    };

    private static IEnumerable<string> ReadValues(TextReader reader, char separator, string name, bool dispose = true)
    {
        try
        {
            if (separator == '\n')
            {
                while (Read(() => reader.ReadLine(), name) is { } line)
                {
                    yield return line;
                }

                yield break;
            }

            var value = new StringBuilder();
            var buffer = new char[4096];
            int read;
            while ((read = Read(() => reader.Read(buffer, 0, buffer.Length), name)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var c = buffer[i];
                    if (c == separator)
                    {
                        yield return value.ToString();
                        value.Clear();
                    }
                    else
                    {
                        value.Append(c);
                    }
                }
            }

            if (value.Length > 0)
            {
                yield return value.ToString();
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

    /// <summary>One read; a failure (a file gone bad under us) becomes a one-line error naming the source.</summary>
    private static T Read<T>(Func<T> read, string name)
    {
        try
        {
            return read();
        }
        catch (IOException e)
        {
            throw new AtelierException($"Reading input '{name}' failed: {e.Message}", e);
        }
    }
}
