using System.Globalization;
using Atelier.Fetch;
using Spectre.Console;

namespace Atelier.Cli.Commands.Fetch;

/// <summary>
/// Tallies a run's results and writes the closing table and line for people. Memory stays bounded whatever the
/// input: counts for everything, rows for the first results and for the first failures only.
/// </summary>
internal sealed class FetchSummary
{
    /// <summary>Up to this many results, the table lists them all; beyond, only those that did not succeed.</summary>
    private const int AllRowsUpTo = 100;

    /// <summary>The most failures the table lists.</summary>
    private const int FailureRows = 200;
    private readonly List<FetchResult> first = [];
    private readonly List<FetchResult> failures = [];
    private readonly Dictionary<FetchStatus, int> counts = [];
    private long bytes;
    private int total;

    public int Failed => counts.GetValueOrDefault(FetchStatus.Failed);

    public void Add(FetchResult result)
    {
        total++;
        counts[result.Status] = counts.GetValueOrDefault(result.Status) + 1;
        bytes += result.Succeeded ? result.Bytes : 0;
        if (first.Count < AllRowsUpTo)
        {
            first.Add(result);
        }

        if (!result.Succeeded && failures.Count < FailureRows)
        {
            failures.Add(result);
        }
    }

    // The console is made only if there is a table to draw: a long, clean run never loads the renderer.
    public void Write(Func<IAnsiConsole> console, TextWriter output, TimeSpan elapsed, bool interrupted)
    {
        var unsuccessful = total - counts.GetValueOrDefault(FetchStatus.Downloaded) - counts.GetValueOrDefault(FetchStatus.Skipped) - counts.GetValueOrDefault(FetchStatus.Checked);
        var rows = total <= AllRowsUpTo ? first : failures;
        if (rows.Count > 0)
        {
            console().Write(Table(rows));
        }

        if (total > AllRowsUpTo && unsuccessful > 0)
        {
            var which = unsuccessful > failures.Count ? $"the first {failures.Count:N0} of the {unsuccessful:N0} URLs" : unsuccessful == 1 ? "the URL" : $"the {unsuccessful:N0} URLs";
            output.WriteLine($"The table lists {which} that did not succeed; --json or --report FILE.jsonl lists every URL.");
        }

        output.WriteLine(Line(elapsed, interrupted));
    }

    private string Line(TimeSpan elapsed, bool interrupted)
    {
        var parts = new[]
        {
            (FetchStatus.Downloaded, "downloaded"),
            (FetchStatus.Checked, "checked"),
            (FetchStatus.Skipped, "skipped"),
            (FetchStatus.Failed, "failed"),
            (FetchStatus.Canceled, "interrupted"),
        }.Where(p => counts.ContainsKey(p.Item1) || p.Item1 == FetchStatus.Failed)
         .Select(p => string.Create(CultureInfo.InvariantCulture, $"{counts.GetValueOrDefault(p.Item1):N0} {p.Item2}"));
        var rate = elapsed > TimeSpan.Zero ? bytes / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(interrupted ? "Interrupted: " : "")}{string.Join(", ", parts)} in {elapsed.TotalSeconds:0.00} s; {Size(bytes)} at {Size((long)rate)}/s.");
    }

    private static Table Table(IEnumerable<FetchResult> rows)
    {
        var table = new Table { Border = TableBorder.Rounded }
            .AddColumn("URL")
            .AddColumn("status")
            .AddColumn(new TableColumn("size").RightAligned())
            .AddColumn(new TableColumn("time").RightAligned())
            .AddColumn(new TableColumn("attempts").RightAligned())
            .AddColumn("error");
        foreach (var result in rows)
        {
            var status = result.Status.ToString().ToLowerInvariant();
            table.AddRow(
                new Text(result.Url),
                new Text(result.HttpStatus is { } code ? $"{status} ({code})" : status),
                new Text(Size(result.Bytes)),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{result.Duration.TotalSeconds:0.00} s")),
                new Text(result.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(result.Error ?? ""));
        }

        return table;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024 / 1024:0.00} GiB"),
    };
}
