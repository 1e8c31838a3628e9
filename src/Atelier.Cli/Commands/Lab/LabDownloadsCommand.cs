using System.CommandLine;
using Atelier.Cli.Rendering;
using Atelier.Labs;
using Atelier.Labs.Downloads;
using Spectre.Console;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab downloads</c>: the lesson with a live status board on stderr.</summary>
internal static class LabDownloadsCommand
{
    public static Command Create()
    {
        var defaults = new DownloadsOptions();
        var count = CommonOptions.Count("--count", defaults.Count, "How many downloads.");
        var concurrency = CommonOptions.Count("--concurrency", defaults.Concurrency, "How many download at once.");
        var refresh = CommonOptions.Duration("--refresh", defaults.Refresh, "How often the board refreshes");
        var seed = CommonOptions.Count("--seed", defaults.Seed, "Seeds sizes and speeds, to repeat a run.", minimum: 0);
        var quiet = CommonOptions.Quiet();
        return LessonCommand.Create("downloads", [count, concurrency, refresh, seed, quiet], async (parse, cancellationToken) =>
        {
            var options = new DownloadsOptions
            {
                Count = parse.GetValue(count),
                Concurrency = parse.GetValue(concurrency),
                Refresh = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, (parse.GetValue(refresh) ?? defaults.Refresh).Ticks)),
                Seed = parse.GetValue(seed),
            };
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(quiet))
            {
                return await DownloadsLesson.RunAsync(options, board: null, cancellationToken).ConfigureAwait(false);
            }

            if (!Terminal.IsInteractive(error))
            {
                var lines = new SynchronousProgress<DownloadBoard>(board => error.WriteLine(DownloadBoardView.Line(board)));
                return await DownloadsLesson.RunAsync(options, lines, cancellationToken).ConfigureAwait(false);
            }

            LessonReport? report = null;
            await Terminal.For(error).Live(DownloadBoardView.Table(null)).StartAsync(async live =>
            {
                var table = new SynchronousProgress<DownloadBoard>(board => live.UpdateTarget(DownloadBoardView.Table(board)));
                report = await DownloadsLesson.RunAsync(options, table, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return report!;
        });
    }
}
