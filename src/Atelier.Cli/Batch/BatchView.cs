using Atelier.Cli.Rendering;

namespace Atelier.Cli.Batch;

/// <summary>
/// A batch's progress on stderr while it runs: a live display on a terminal (an overall line, and a bar per item for
/// commands that show items), a plain line every few seconds otherwise, nothing when quiet.
/// </summary>
/// <remarks><see cref="Note"/>, <see cref="ShowItem"/> and <see cref="EndItem"/> may be called from any thread.</remarks>
internal abstract class BatchView
{
    /// <summary>How often the live display redraws.</summary>
    public static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a line is written when stderr is not a terminal.</summary>
    public static readonly TimeSpan PeriodicRefresh = TimeSpan.FromSeconds(2);

    /// <summary>The view for <paramref name="error"/>: <paramref name="name"/> starts each plain line ("fetch: ...").</summary>
    public static BatchView For(TextWriter error, string name, bool quiet, TimeProvider? time = null) =>
        quiet ? new SilentView()
        : Terminal.IsInteractive(error) ? new LiveBatchView(Terminal.For(error), time)
        : new PeriodicBatchView(error, name, time);

    /// <summary>
    /// Where text may be written while the view runs without breaking it (another writer on the same terminal would
    /// land inside the live display); null when writing directly is safe.
    /// </summary>
    public virtual TextWriter? Above => null;

    /// <summary>Runs the work, showing its status until it ends.</summary>
    public abstract Task RunAsync(Func<Task> work, Func<BatchStatus> status);

    /// <summary>A line that stays, such as a retry: above the live display, or on its own line.</summary>
    public abstract void Note(string line);

    /// <summary>True when <see cref="ShowItem"/> shows anything: commands need not build items for a view that drops them.</summary>
    public virtual bool ShowsItems => false;

    /// <summary>Shows an item, or updates it (the live display only).</summary>
    public virtual void ShowItem(BatchItem item)
    {
    }

    /// <summary>Takes an ended item off the display.</summary>
    public virtual void EndItem(long key)
    {
    }

    private sealed class SilentView : BatchView
    {
        public override Task RunAsync(Func<Task> work, Func<BatchStatus> status) => work();

        public override void Note(string line)
        {
        }
    }
}
