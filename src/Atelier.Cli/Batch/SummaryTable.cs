using Spectre.Console;

namespace Atelier.Cli.Batch;

/// <summary>
/// The closing table for people, in bounded memory whatever the input: every row while there are at most
/// <see cref="AllRowsUpTo"/> results, past that only the first <see cref="FailureRows"/> results that did not succeed;
/// quiet (<c>-q</c>), only the first <see cref="FailureRows"/> that failed.
/// </summary>
/// <param name="noun">What one result is, for the line that says rows were left out: "URL", "image".</param>
/// <param name="columns">The table's columns.</param>
/// <param name="row">A result's cells, one per column.</param>
internal sealed class SummaryTable<TResult>(string noun, IReadOnlyList<TableColumn> columns, Func<TResult, IEnumerable<string>> row) : IBatchDetails<TResult>
{
    /// <summary>The widest the table gets: long reasons wrap inside their column instead of widening every row.</summary>
    private const int MaxWidth = 160;
    public const int AllRowsUpTo = 100;
    public const int FailureRows = 200;
    private readonly List<TResult> first = [];
    private readonly List<TResult> unsuccessful = [];
    private readonly List<TResult> failed = [];
    private long total;
    private long unsuccessfulTotal;
    private long failedTotal;

    public bool BeforeSummary => true;

    public void Add(TResult result, BatchOutcome outcome)
    {
        total++;
        if (first.Count < AllRowsUpTo)
        {
            first.Add(result);
        }

        if (outcome != BatchOutcome.Succeeded)
        {
            unsuccessfulTotal++;
            if (unsuccessful.Count < FailureRows)
            {
                unsuccessful.Add(result);
            }
        }

        if (outcome == BatchOutcome.Failed)
        {
            failedTotal++;
            if (failed.Count < FailureRows)
            {
                failed.Add(result);
            }
        }
    }

    /// <summary>Writes the table (if it has rows), and says when it leaves rows out.</summary>
    public void Write(Func<IAnsiConsole> console, TextWriter output, bool quiet)
    {
        if (quiet)
        {
            WriteRows(console, failed);
            if (failedTotal > failed.Count)
            {
                output.WriteLine($"The table lists the first {failed.Count:N0} of the {failedTotal:N0} {noun}s that failed; --json or --report FILE.jsonl lists every {noun}.");
            }

            return;
        }

        WriteRows(console, total <= AllRowsUpTo ? first : unsuccessful);
        if (total > AllRowsUpTo && unsuccessfulTotal > 0)
        {
            var which = unsuccessfulTotal > unsuccessful.Count ? $"the first {unsuccessful.Count:N0} of the {unsuccessfulTotal:N0} {noun}s"
                : unsuccessfulTotal == 1 ? $"the {noun}" : $"the {unsuccessfulTotal:N0} {noun}s";
            output.WriteLine($"The table lists {which} that did not succeed; --json or --report FILE.jsonl lists every {noun}.");
        }
    }

    /// <summary>A cell with its control characters written out (a TAB from a bad list line would break the borders).</summary>
    private static string Printable(string cell) => !cell.Any(char.IsControl) ? cell : string.Concat(cell.Select(c => c switch
    {
        '\t' => "\\t",
        '\r' => "\\r",
        '\n' => "\\n",
        _ when char.IsControl(c) => $"\\x{(int)c:x2}",
        _ => c.ToString(),
    }));

    private void WriteRows(Func<IAnsiConsole> console, List<TResult> rows)
    {
        if (rows.Count > 0)
        {
            // As wide as its cells, at most the terminal's width and MaxWidth: long reasons wrap inside their column.
            // Not a fixed width: that padded every piped table to 160 columns.
            var terminal = console();
            terminal.Profile.Width = Math.Min(terminal.Profile.Width, MaxWidth);
            var table = new Table { Border = TableBorder.Rounded };
            foreach (var column in columns)
            {
                table.AddColumn(column);
            }

            foreach (var result in rows)
            {
                table.AddRow(row(result).Select(cell => new Text(Printable(cell))));
            }

            terminal.Write(table);
        }
    }
}
