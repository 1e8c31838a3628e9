using Atelier.Fetch;

namespace Atelier.Cli.Rendering;

/// <summary>Not a terminal: one plain overall line every few seconds, and one per retry.</summary>
internal sealed class PeriodicFetchView(TextWriter error, TimeSpan every) : FetchView
{
    private readonly Lock writing = new();

    public override void Report(FetchProgress value)
    {
        if (value.State == FetchState.Retrying)
        {
            lock (writing)
            {
                error.WriteLine($"fetch: {value.Url}: {value.Error}; retrying in {value.RetryIn?.TotalSeconds:0.#} s");
            }
        }
    }

    public override async Task RunAsync(Func<Task> fetch, Func<FetchTotals> totals)
    {
        var run = fetch();
        using var timer = new PeriodicTimer(every);
        while (await Task.WhenAny(run, timer.WaitForNextTickAsync().AsTask()).ConfigureAwait(false) != run)
        {
            lock (writing)
            {
                error.WriteLine($"fetch: {FetchOverall.Describe(totals())}");
            }
        }

        await run.ConfigureAwait(false);
    }
}
