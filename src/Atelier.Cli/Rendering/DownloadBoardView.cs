using System.Globalization;
using Atelier.Labs;
using Atelier.Labs.Downloads;
using Spectre.Console;

namespace Atelier.Cli.Rendering;

/// <summary>The downloads lesson's status board: a live table on a terminal, one line per refresh otherwise.</summary>
internal static class DownloadBoardView
{
    /// <summary>Runs the lesson with its board shown on <paramref name="error"/>: redrawn in place on a terminal, a line per refresh otherwise.</summary>
    public static async Task<LessonReport> RunAsync(TextWriter error, Func<IProgress<DownloadBoard>, Task<LessonReport>> run)
    {
        if (!Terminal.IsInteractive(error))
        {
            return await run(new SynchronousProgress<DownloadBoard>(board => error.WriteLine(Line(board)))).ConfigureAwait(false);
        }

        LessonReport? report = null;
        await Terminal.For(error).Live(Table(null)).StartAsync(async live =>
        {
            report = await run(new SynchronousProgress<DownloadBoard>(board => live.UpdateTarget(Table(board)))).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return report!;
    }

    public static Table Table(DownloadBoard? board)
    {
        var table = new Table { Border = TableBorder.Rounded }
            .AddColumn("file")
            .AddColumn("status")
            .AddColumn(new TableColumn("size").RightAligned());
        // Short enough for the table's own width: a title wider than the table wraps mid-value.
        table.Title = new TableTitle(board is null ? "status board" : string.Create(CultureInfo.InvariantCulture, $"board #{board.Refresh}, {board.Elapsed.TotalSeconds:0.00} s"));
        foreach (var download in board?.Downloads ?? [])
        {
            table.AddRow(new Text(download.Name), new Text(Status(download)), new Text(string.Create(CultureInfo.InvariantCulture, $"{download.Size / 1024.0 / 1024:0.#} MiB")));
        }

        return table;
    }

    public static string Line(DownloadBoard board) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{board.Elapsed.TotalSeconds,5:0.00} s] {string.Join(" | ", board.Downloads.Select(d => $"{d.Name} {Status(d)}"))}");

    private static string Status(DownloadState download) => download.Status switch
    {
        DownloadStatus.Waiting => "waiting",
        DownloadStatus.InProgress => string.Create(CultureInfo.InvariantCulture, $"in progress ({download.Percent:0}%)"),
        DownloadStatus.Done => "done",
        _ => "canceled",
    };
}
