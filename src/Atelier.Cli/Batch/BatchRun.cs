namespace Atelier.Cli.Batch;

/// <summary>A batch a command has started, whatever its results are: run it to its exit code.</summary>
internal interface IBatchRun : IDisposable
{
    /// <summary>Drives the results onto the view and the output; returns the exit code.</summary>
    Task<int> RunAsync(BatchView view, BatchOutput output, CancellationToken cancellationToken);
}

/// <summary>A batch a command has started: the library's results, how to report them, how to describe progress.</summary>
/// <param name="Results">The stream of results.</param>
/// <param name="Driver">How the results are counted, tabled and written.</param>
/// <param name="Status">The progress line, from the library's counts (or the driver's tally).</param>
/// <param name="Owner">What to dispose of when the batch has ended (the downloader and its connections).</param>
internal sealed record BatchRun<TResult>(IAsyncEnumerable<TResult> Results, BatchDriver<TResult> Driver, Func<BatchTally, BatchStatus> Status, IDisposable? Owner = null) : IBatchRun
{
    public Task<int> RunAsync(BatchView view, BatchOutput output, CancellationToken cancellationToken) => Driver.RunAsync(Results, view, Status, output, cancellationToken);

    public void Dispose() => Owner?.Dispose();
}
