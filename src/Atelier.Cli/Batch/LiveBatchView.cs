using System.Collections.Concurrent;
using Spectre.Console;

namespace Atelier.Cli.Batch;

/// <summary>
/// A terminal: Spectre's progress display with the overall line first (bar, percentage, time left once the total is
/// known) and a bar per item shown (amount and speed too). Notes and <see cref="Above"/> write above the display.
/// </summary>
internal sealed class LiveBatchView(IAnsiConsole console, TimeProvider? time) : BatchView
{
    private const string ItemKey = "atelier.item";
    private const string LeftKey = "atelier.left";
    private const string SpeedKey = "atelier.speed";
    private readonly ConcurrentDictionary<long, ProgressTask> items = new();
    private volatile ProgressContext? context;
    private volatile string status = "starting";

    public override TextWriter? Above { get; } = new LiveLineWriter(console);

    /// <summary>Labels are cut to leave the bar, amount, speed and time their room on narrow terminals.</summary>
    private int LabelWidth => Math.Clamp(console.Profile.Width - 56, 12, 60);

    public override async Task RunAsync(Func<Task> work, Func<BatchStatus> status)
    {
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn { Width = 20 },
                new PercentageColumn(),
                new Whole(new ItemOnly(new DownloadedColumn())),
                new Whole(new ItemOnly(new Speed())),
                new Whole(new TimeLeft()))

            // The status line is as wide as the terminal, above the bars: in the grid it would squeeze every column.
            .UseRenderHook((bars, _) => new Rows(new Text(this.status), bars))
            .StartAsync(async progress =>
            {
                var overall = progress.AddTask("all", maxValue: 1);
                context = progress;
                void Refresh() => Show(overall, status());
                Refresh();
                try
                {
                    await RefreshLoop.RunAsync(work(), LiveRefresh, Refresh, time).ConfigureAwait(false);
                }
                finally
                {
                    context = null;
                    Refresh();
                }
            }).ConfigureAwait(false);
        Above!.Flush();
    }

    public override void Note(string line) => Above!.WriteLine(line);

    public override bool ShowsItems => true;

    public override void ShowItem(BatchItem item)
    {
        if (context is not { } progress)
        {
            return;
        }

        var task = items.GetOrAdd(item.Key, _ =>
        {
            var added = progress.AddTask(Markup.Escape(Fit(item.Label)));
            added.State.Update<bool>(ItemKey, _ => true);
            return added;
        });
        task.Description = Markup.Escape(item.Note is null ? Fit(item.Label) : $"{Fit(item.Label)}: {item.Note}");
        task.IsIndeterminate = item.Total is null || item.Note is not null;
        task.MaxValue = Math.Max(1, item.Total ?? Math.Max(1, item.Value));
        task.Value = item.Value;
        task.State.Update<double>(SpeedKey, _ => item.Speed ?? -1);
    }

    public override void EndItem(long key)
    {
        if (items.TryRemove(key, out var task) && context is { } progress)
        {
            // Gone from the screen and from memory: a long list must not pile up finished bars.
            progress.RemoveTask(task);
        }
    }

    /// <summary>
    /// The overall bar: the share of the work when the command measures it (bytes), else items done of items in all,
    /// else a bar that only says it is working; its time left is the status line's own when it gives one.
    /// </summary>
    private void Show(ProgressTask overall, BatchStatus current)
    {
        status = current.Line;
        overall.State.Update<double>(LeftKey, _ => current.Left?.TotalSeconds ?? -1);
        if (current.Fraction is { } fraction)
        {
            overall.IsIndeterminate = false;
            overall.MaxValue = 1000;
            overall.Value = Math.Clamp(fraction, 0, 1) * 1000;
            return;
        }

        overall.IsIndeterminate = current.Total is null;
        overall.MaxValue = Math.Max(1, current.Total ?? 1);
        overall.Value = current.Total is null ? 0 : current.Done;
    }

    private string Fit(string label) => label.Length <= LabelWidth ? label : string.Concat("…", label.AsSpan(label.Length - LabelWidth + 1));

    /// <summary>
    /// Spectre's estimate of the time left, or the one the status line gives (so that the two never disagree), or, for an
    /// item whose speed is given, what is left at that speed.
    /// </summary>
    private sealed class TimeLeft : ProgressColumn
    {
        private readonly RemainingTimeColumn estimate = new();

        protected override bool NoWrap => true;

        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var item = task.State.Get<bool>(ItemKey);
            var speed = task.State.Get<double>(SpeedKey);
            var left = item ? (speed > 0 && !task.IsIndeterminate ? (task.MaxValue - task.Value) / speed : -1) : task.State.Get<double>(LeftKey);
            return left < 0
                ? estimate.Render(options, task, deltaTime)
                : new Text(TimeSpan.FromSeconds(Math.Ceiling(left)).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture), new Style(Color.Blue));
        }
    }

    /// <summary>An item's speed as its command measured it (a resumed download's, of this run's bytes only), else Spectre's.</summary>
    private sealed class Speed : ProgressColumn
    {
        private readonly TransferSpeedColumn estimate = new();

        protected override bool NoWrap => true;

        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            task.State.Get<double>(SpeedKey) is var speed and >= 0
                ? new Text($"{Rendering.Sizes.Format((long)speed)}/s")
                : estimate.Render(options, task, deltaTime);
    }

    /// <summary>A column that never wraps its cell (a time or an amount cut in two reads as two numbers).</summary>
    private sealed class Whole(ProgressColumn inner) : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            inner.Render(options, task, deltaTime);
    }

    /// <summary>A column shown for items only: the overall line has no bytes or speed of its own.</summary>
    private sealed class ItemOnly(ProgressColumn inner) : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            task.State.Get<bool>(ItemKey) && !task.IsIndeterminate ? inner.Render(options, task, deltaTime) : Text.Empty;
    }
}
