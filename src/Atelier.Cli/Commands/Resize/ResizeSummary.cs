using System.Globalization;
using Atelier.Imaging;
using Spectre.Console;

namespace Atelier.Cli.Commands.Resize;

/// <summary>Tallies a resize run and writes its closing table and line; memory stays bounded whatever the tree.</summary>
internal sealed class ResizeSummary
{
    private const int AllRowsUpTo = 100;
    private const int FailureRows = 200;
    private readonly List<ResizeResult> first = [];
    private readonly List<ResizeResult> failures = [];
    private int total;
    private int resized;
    private int upToDate;
    private int notImages;
    private int outputs;

    public int Failed { get; private set; }

    public int Canceled { get; private set; }

    public void Add(ResizeResult result)
    {
        total++;
        switch (result.Status)
        {
            case ResizeStatus.Resized:
                resized++;
                outputs += result.Outputs.Count;
                break;
            case ResizeStatus.Skipped when result.Reason == "up to date":
                upToDate++;
                break;
            case ResizeStatus.Skipped:
                notImages++;
                break;
            case ResizeStatus.Failed:
                Failed++;
                break;
            default:
                Canceled++;
                break;
        }

        if (first.Count < AllRowsUpTo)
        {
            first.Add(result);
        }

        if (!result.Succeeded && failures.Count < FailureRows)
        {
            failures.Add(result);
        }
    }

    public void Write(Func<IAnsiConsole> console, TextWriter output, TimeSpan elapsed, bool interrupted)
    {
        var rows = total <= AllRowsUpTo ? first : failures;
        if (rows.Count > 0)
        {
            console().Write(Table(rows));
        }

        if (total > AllRowsUpTo && Failed + Canceled > 0)
        {
            output.WriteLine($"The table lists {(Failed + Canceled > failures.Count ? $"the first {failures.Count:N0} of the {Failed + Canceled:N0} images" : "the images")} that did not succeed; --json or --report FILE.jsonl lists every one.");
        }

        output.WriteLine(Line(elapsed, interrupted));
    }

    private string Line(TimeSpan elapsed, bool interrupted)
    {
        if (!interrupted && resized == 0 && Failed == 0 && upToDate > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Nothing to do: all {upToDate:N0} images are up to date (--force makes them again); {elapsed.TotalSeconds:0.00} s.");
        }

        var rate = elapsed > TimeSpan.Zero ? resized / elapsed.TotalSeconds : 0;
        var parts = new List<string> { $"{resized:N0} resized ({outputs:N0} files)" };
        parts.AddRange(new[] { (upToDate, "up to date"), (notImages, "not images"), (Failed, "failed"), (Canceled, "interrupted") }
            .Where(p => p.Item1 > 0 || p.Item2 == "failed")
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Item1:N0} {p.Item2}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{(interrupted ? "Interrupted: " : "")}{string.Join(", ", parts)} in {elapsed.TotalSeconds:0.00} s; {rate:0.0} images/s.");
    }

    private static Table Table(IEnumerable<ResizeResult> rows)
    {
        var table = new Table { Border = TableBorder.Rounded }
            .AddColumn("image")
            .AddColumn("status")
            .AddColumn("outputs")
            .AddColumn(new TableColumn("time").RightAligned())
            .AddColumn("reason");
        foreach (var result in rows)
        {
            table.AddRow(
                new Text(result.Path),
                new Text(result.Status.ToString().ToLowerInvariant()),
                new Text(string.Join(", ", result.Outputs.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Width}x{o.Height} {Path.GetExtension(o.Path).TrimStart('.')}")))),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{result.Duration.TotalSeconds:0.00} s")),
                new Text(result.Reason ?? ""));
        }

        return table;
    }
}
