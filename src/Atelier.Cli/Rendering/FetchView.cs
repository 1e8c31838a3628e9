using Atelier.Fetch;

namespace Atelier.Cli.Rendering;

/// <summary>Shows a fetch's progress on stderr while it runs: live bars on a terminal, a line every few seconds otherwise.</summary>
internal abstract class FetchView : IProgress<FetchProgress>
{
    public static FetchView For(TextWriter error, bool quiet) =>
        quiet ? new SilentFetchView()
        : Terminal.IsInteractive(error) ? new LiveFetchView(Terminal.For(error))
        : new PeriodicFetchView(error, TimeSpan.FromSeconds(2));

    public abstract void Report(FetchProgress value);

    /// <summary>Runs the fetch, showing progress until it ends.</summary>
    public abstract Task RunAsync(Func<Task> fetch, Func<FetchTotals> totals);

    private sealed class SilentFetchView : FetchView
    {
        public override void Report(FetchProgress value)
        {
        }

        public override Task RunAsync(Func<Task> fetch, Func<FetchTotals> totals) => fetch();
    }
}
