using System.Globalization;
using Atelier.Cli.Batch;
using Atelier.Imaging;
using Atelier.Imaging.Reporting;
using Spectre.Console;

namespace Atelier.Cli.Commands.Resize;

/// <summary>How a resize shows its progress and results: the status line, the table, the counts and the rate.</summary>
internal static class ResizeReport
{
    private const string UpToDate = "up to date";

    /// <param name="resizer">The run.</param>
    /// <param name="budgeted">Whether outputs have a byte budget: the table then shows each one's size.</param>
    public static BatchDriver<ResizeResult> Driver(Resizer resizer, bool budgeted)
    {
        var qualities = new QualityTally(budgeted ? "qualities within the budget" : "quality auto");
        return new()
        {
            Category = Category,
            Categories = ["resized", "kept size", UpToDate, "not images", "failed", BatchDriver<ResizeResult>.Interrupted],
            Amount = result => result.Status == ResizeStatus.Resized ? result.Outputs.Count : 0,
            Throughput = (tally, elapsed) => qualities.Describe() is { } chosen ? $"{Rate(tally, elapsed)}; {chosen}" : Rate(tally, elapsed),
            Each = result =>
            {
                qualities.Add(result);
                return ValueTask.CompletedTask;
            },
            Conclusion = (tally, elapsed) => tally[UpToDate] > 0 && tally[UpToDate] + tally["not images"] == tally.Total
                ? string.Create(CultureInfo.InvariantCulture, $"Nothing to do: {Images(tally[UpToDate])} up to date (--force makes them again); {elapsed.TotalSeconds:0.00} s.")
                : null,
            Details = new SummaryTable<ResizeResult>(
                "image",
                [new("image"), new("status"), new("outputs"), new TableColumn("time").RightAligned(), new("reason")],
                result => Row(result, budgeted)),
            Json = ResizeRecord.Line,
            Notes = () => LeftOut(resizer.OutputFoldersLeftOut),
        };
    }

    /// <summary>"Left out photos/resized: it holds an earlier run's outputs (.atelier-resize.json)." once, however many.</summary>
    private static IEnumerable<string> LeftOut(IReadOnlyCollection<string> folders)
    {
        if (folders.Count == 0)
        {
            yield break;
        }

        var named = string.Join(", ", folders.Take(3).Select(f => Path.GetRelativePath(Environment.CurrentDirectory, f)));
        var more = folders.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $" and {folders.Count - 3:N0} more") : "";
        yield return $"Left out {named}{more}: {(folders.Count == 1 ? "it holds" : "they hold")} an earlier run's outputs (.atelier-resize.json), never resized again.";
    }

    /// <summary>"12/40 images: 10 resized, 1 skipped, 0 failed, 2 running; 4.2 images/s".</summary>
    public static BatchStatus Status(ResizeTotals totals)
    {
        var found = totals.Total is { } all ? all.ToString("N0", CultureInfo.InvariantCulture) : $"{totals.Found:N0}+";
        var rate = totals.Elapsed > TimeSpan.Zero ? (totals.Resized + totals.Failed) / totals.Elapsed.TotalSeconds : 0;
        return new BatchStatus(
            string.Create(CultureInfo.InvariantCulture,
                $"{totals.Ended:N0}/{found} images: {totals.Resized:N0} resized, {totals.Skipped:N0} skipped, {totals.Failed:N0} failed, {totals.Running:N0} running; {rate:0.0} images/s"),
            totals.Ended,
            totals.Total);
    }

    private static string Category(ResizeResult result) => result.Status switch
    {
        ResizeStatus.Resized when result.Outputs.All(o => o.KeptSize) => "kept size",
        ResizeStatus.Resized => "resized",
        ResizeStatus.Skipped when result.Reason == UpToDate => UpToDate,
        ResizeStatus.Skipped => "not images",
        ResizeStatus.Failed => "failed",
        _ => BatchDriver<ResizeResult>.Interrupted,
    };

    /// <summary>"6 outputs, 4.2 images/s": the files written, and images made a second.</summary>
    private static string Rate(BatchTally tally, TimeSpan elapsed)
    {
        var made = tally["resized"] + tally["kept size"];
        var outputs = string.Create(CultureInfo.InvariantCulture, $"{tally.Amount:N0} {(tally.Amount == 1 ? "output" : "outputs")}");
        return made == 0 || elapsed <= TimeSpan.Zero ? outputs : string.Create(CultureInfo.InvariantCulture, $"{outputs}, {made / elapsed.TotalSeconds:0.0} images/s");
    }

    /// <summary>"300x200 jpg", and with --quality auto "300x200 jpg q62 0.9952".</summary>
    /// <remarks>With a budget: "300x200 jpg q41 0.9903 58.2 kB", and "(shrunk to fit)" when it had to be.</remarks>
    private static string Describe(ResizedOutput output, bool budgeted) => string.Create(
        CultureInfo.InvariantCulture,
        $"{output.Width}x{output.Height} {Path.GetExtension(output.Path).TrimStart('.')}{(output is { Quality: { } q, Score: { } s } ? $" q{q} {s:0.0000}" : budgeted && output.Quality is { } fixedQuality ? $" q{fixedQuality}" : "")}{(budgeted ? $" {output.Bytes / 1000.0:0.#} kB" : "")}{(output.Shrunk < 1 ? " (shrunk to fit)" : "")}");

    private static string Images(long count) => count == 1 ? "the image is" : string.Create(CultureInfo.InvariantCulture, $"all {count:N0} images are");

    private static IEnumerable<string> Row(ResizeResult result, bool budgeted)
    {
        yield return result.Path;
        yield return Category(result);
        yield return string.Join(", ", result.Outputs.Select(o => Describe(o, budgeted)));
        yield return string.Create(CultureInfo.InvariantCulture, $"{result.Duration.TotalSeconds:0.00} s");
        yield return result.Reason is { } reason && reason != Category(result) ? reason : "";
    }
}
