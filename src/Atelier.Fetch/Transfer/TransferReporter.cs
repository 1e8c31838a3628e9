using System.Collections.Concurrent;

namespace Atelier.Fetch.Transfer;

/// <summary>Turns transfers' events into progress reports (at most ten a second per download) and running totals.</summary>
internal sealed class TransferReporter(IProgress<FetchProgress>? progress, TimeProvider time)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<long, DownloadJob> running = new();
    private readonly long started = time.GetTimestamp();
    private long read;
    private int inputComplete;
    private long succeeded;
    private long failed;
    private long bytes;

    public void Read() => Interlocked.Increment(ref read);

    public void InputComplete() => Volatile.Write(ref inputComplete, 1);

    public void Waiting(DownloadJob job)
    {
        running[job.Index] = job;
        Report(job, FetchState.Waiting);
    }

    public void Downloading(DownloadJob job, bool force)
    {
        if (progress is null)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (force || time.GetElapsedTime(job.LastReported, now) >= ReportEvery)
        {
            job.LastReported = now;
            Report(job, FetchState.Downloading);
        }
    }

    public void Received(DownloadJob job, int count)
    {
        Interlocked.Add(ref bytes, count);
        Downloading(job, force: false);
    }

    public void Retrying(DownloadJob job, TimeSpan delay, string? error) => Report(job, FetchState.Retrying, delay, error);

    public void Ended(DownloadJob job, FetchResult result)
    {
        running.TryRemove(job.Index, out _);
        Interlocked.Increment(ref result.Succeeded ? ref succeeded : ref failed);
        Report(job, result.Succeeded ? FetchState.Done : FetchState.Failed, error: result.Error);
    }

    public FetchTotals Snapshot()
    {
        var jobs = running.Values.ToList();
        var expected = jobs.Sum(j => j.Total is { } total ? Math.Max(0, total - j.Written - j.Buffered) : 0);
        return new FetchTotals(
            Interlocked.Read(ref read),
            Volatile.Read(ref inputComplete) == 1,
            jobs.Count,
            Interlocked.Read(ref succeeded),
            Interlocked.Read(ref failed),
            Interlocked.Read(ref bytes),
            expected,
            time.GetElapsedTime(started));
    }

    private void Report(DownloadJob job, FetchState state, TimeSpan? retryIn = null, string? error = null) =>
        progress?.Report(new FetchProgress(job.Index, job.RedactedUrl, job.Name, state, job.Written + job.Buffered, job.Total, retryIn, error));
}
