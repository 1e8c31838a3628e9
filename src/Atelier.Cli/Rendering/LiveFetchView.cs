using System.Collections.Concurrent;
using Atelier.Fetch;
using Spectre.Console;

namespace Atelier.Cli.Rendering;

/// <summary>A terminal: a live bar per running download (name, %, bytes, speed, state) under an overall line.</summary>
internal sealed class LiveFetchView(IAnsiConsole console) : FetchView
{
    private readonly ConcurrentDictionary<long, ProgressTask> bars = new();
    private volatile ProgressContext? context;

    public override void Report(FetchProgress value)
    {
        if (context is not { } progress)
        {
            return;
        }

        if (value.State is FetchState.Done or FetchState.Failed)
        {
            if (bars.TryRemove(value.Index, out var done))
            {
                // Gone from the screen and from memory: a long list must not pile up finished bars.
                progress.RemoveTask(done);
            }

            return;
        }

        var bar = bars.GetOrAdd(value.Index, _ => progress.AddTask(Markup.Escape(Name(value)), maxValue: Math.Max(1, value.Total ?? 1)));
        bar.IsIndeterminate = value.Total is null;
        bar.MaxValue = Math.Max(1, value.Total ?? Math.Max(1, value.Bytes));
        bar.Value = value.Bytes;
        bar.Description = Markup.Escape(value.State switch
        {
            FetchState.Retrying => $"{Name(value)}: retrying in {value.RetryIn?.TotalSeconds:0} s ({value.Error})",
            FetchState.Waiting => $"{Name(value)}: waiting",
            _ => Name(value),
        });
    }

    public override async Task RunAsync(Func<Task> fetch, Func<FetchTotals> totals)
    {
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async progress =>
            {
                var overall = progress.AddTask("starting", maxValue: 1);
                overall.IsIndeterminate = true;
                context = progress;
                var run = fetch();
                while (await Task.WhenAny(run, Task.Delay(200)).ConfigureAwait(false) != run)
                {
                    overall.Description = Markup.Escape(FetchOverall.Describe(totals()));
                }

                context = null;
                await run.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static string Name(FetchProgress value) => value.Name ?? value.Url;
}
