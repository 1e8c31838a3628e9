using System.Globalization;
using Atelier.Cli.Batch;
using Atelier.Cli.Rendering;
using Atelier.Fetch;
using Atelier.Fetch.Reporting;
using Spectre.Console;

namespace Atelier.Cli.Commands.Fetch;

/// <summary>How a fetch shows its progress and results: the overall line, the table, the counts and the throughput.</summary>
internal static class FetchReport
{
    public static BatchDriver<FetchResult> Driver(Downloader downloader, bool check) => new()
    {
        Category = result => result.Status == FetchStatus.Canceled ? BatchDriver<FetchResult>.Interrupted : result.StatusName,
        Categories = ["downloaded", "up to date", "checked", "skipped", "failed", BatchDriver<FetchResult>.Interrupted],

        // Bytes received in this run (interrupted downloads' partial bodies count too); probes receive none, and say
        // what size the servers gave instead.
        Amount = result => result.Status == FetchStatus.Checked ? result.Bytes : 0,
        Throughput = (tally, elapsed) => check ? $"{Sizes.Format(tally.Amount)} in all, as the servers said; no body transferred" : Throughput(downloader.Totals.Bytes, elapsed),
        Details = new SummaryTable<FetchResult>(
            "URL",
            [new("saved as (or URL)"), new("status"), new TableColumn("size").RightAligned(), new TableColumn("time").RightAligned(), new("note")],
            Row),
        Json = FetchJsonContext.Line,
    };

    /// <summary>"3/10 done, 0 failed, 4 running, 12 waiting for their host, 1.2 MiB at 3.0 MiB/s, about 00:05 left".</summary>
    public static BatchStatus Status(FetchTotals totals)
    {
        var total = totals.InputComplete ? totals.Read.ToString("N0", CultureInfo.InvariantCulture) : $"{totals.Read:N0}+";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{totals.Succeeded:N0}/{total} done, {totals.Failed:N0} failed, {totals.Active - totals.Waiting} running{(totals.Waiting > 0 ? $", {totals.Waiting} waiting for their host" : "")}, {Sizes.Format(totals.Bytes)} at {Sizes.Format((long)totals.BytesPerSecond)}/s");

        // Only when everything left is running and announced its size is there something honest to estimate; the bar
        // then shows the same share of bytes and the same time left, otherwise files.
        if (totals.Left is { } left)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", about {left:mm\\:ss} left");
        }

        return new BatchStatus(line, totals.Succeeded + totals.Failed, totals.InputComplete ? totals.Read : null) { Fraction = totals.Fraction, Left = totals.Left };
    }

    internal static string Throughput(long bytes, TimeSpan elapsed) =>
        $"{Sizes.Format(bytes)} at {Sizes.Format(elapsed > TimeSpan.Zero ? (long)(bytes / elapsed.TotalSeconds) : 0)}/s";

    /// <summary>
    /// The file the URL was saved as (wget says "Saving to"), which a name taken already made f.1.bin; the URL when
    /// nothing was saved. The status's HTTP code when it is not 200 and the note does not say it already.
    /// </summary>
    internal static IEnumerable<string> Row(FetchResult result)
    {
        var status = result.Status == FetchStatus.Canceled ? "interrupted" : result.StatusName;
        var note = result.Error ?? Note(result);
        note = note == status ? "" : note;
        if (result.Attempts > 1)
        {
            note = string.Create(CultureInfo.InvariantCulture, $"{(note.Length > 0 ? note + "; " : "")}{result.Attempts} attempts");
        }

        yield return result.Path is { } path ? Shown(path) : result.Url;
        yield return result.HttpStatus is { } code and not 200 && !note.Contains(string.Create(CultureInfo.InvariantCulture, $"HTTP {code}"), StringComparison.Ordinal) ? $"{status} ({code})" : status;
        yield return Sizes.Format(result.Bytes);
        yield return string.Create(CultureInfo.InvariantCulture, $"{result.Duration.TotalSeconds:0.00} s");
        yield return note;
    }

    /// <summary>A saved file as the person typed its folder: relative to the current one when inside it.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>
    /// How a file came, when not simply: "over 8 connections, 1 of 3 mirrors dropped" (the report names them), or why it
    /// was started again.
    /// </summary>
    private static string Note(FetchResult result)
    {
        if (result.Restart is { } why)
        {
            return $"started again: {why}";
        }

        var dropped = result.Mirrors.Count(m => m.Dropped is not null);
        return (result.Connections > 1, dropped > 0) switch
        {
            (true, true) => $"over {result.Connections} connections, {dropped} of {result.Mirrors.Count} sources dropped",
            (true, false) => $"over {result.Connections} connections",
            (false, true) => $"{dropped} of {result.Mirrors.Count} sources dropped",
            _ => "",
        };
    }
}
