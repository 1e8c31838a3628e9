using System.Collections.Concurrent;

namespace Atelier.Fetch.Transfer;

/// <summary>Turns transfers' events into progress reports (at most ten a second per download) and running totals.</summary>
internal sealed class TransferReporter(IProgress<FetchProgress>? progress, TimeProvider time)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>A speed over less than this is noise: none is given before.</summary>
    private static readonly TimeSpan MeasureFrom = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<long, TransferState> running = new();
    private readonly long started = time.GetTimestamp();
    private long read;
    private int inputComplete;
    private long succeeded;
    private long failed;
    private long bytes;

    public void Read() => Interlocked.Increment(ref read);

    public void InputComplete() => Volatile.Write(ref inputComplete, 1);

    public void Waiting(TransferState state)
    {
        running[state.Job.Index] = state;
        Report(state, FetchState.Waiting);
    }

    public void Downloading(TransferState state, bool force)
    {
        if (progress is null)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (force || time.GetElapsedTime(state.LastReported, now) >= ReportEvery)
        {
            state.LastReported = now;
            Report(state, FetchState.Downloading);
        }
    }

    public void Received(TransferState state, int count)
    {
        Interlocked.Add(ref bytes, count);
        state.CountReceived(count, time.GetTimestamp());
        Downloading(state, force: false);
    }

    public void Retrying(TransferState state, TimeSpan delay, string? error) => Report(state, FetchState.Retrying, delay, error);

    public void Ended(TransferState state, FetchResult result)
    {
        running.TryRemove(state.Job.Index, out _);
        Interlocked.Increment(ref result.Succeeded ? ref succeeded : ref failed);
        Report(state, result.Succeeded ? FetchState.Done : FetchState.Failed, error: result.Error);
    }

    public FetchTotals Snapshot()
    {
        var states = running.Values.ToList();
        var expected = states.Sum(s => s.Length is { } total ? Math.Max(0, total - s.Written - s.Pending) : 0);
        var known = states.TrueForAll(s => s.Length is not null);
        return new FetchTotals(
            Interlocked.Read(ref read),
            Volatile.Read(ref inputComplete) == 1,
            states.Count,
            Interlocked.Read(ref succeeded),
            Interlocked.Read(ref failed),
            Interlocked.Read(ref bytes),
            expected,
            time.GetElapsedTime(started))
        {
            SizesKnown = known,
            Waiting = states.Count(s => !s.Connected),
        };
    }

    private void Report(TransferState state, FetchState what, TimeSpan? retryIn = null, string? error = null)
    {
        if (progress is null)
        {
            return;
        }

        // The speed of this run's bytes only: a resumed .part's bytes were not received now.
        var since = state.FirstByte is var first and > 0 ? time.GetElapsedTime(first) : TimeSpan.Zero;
        var speed = since >= MeasureFrom ? state.Received / since.TotalSeconds : (double?)null;
        progress.Report(new FetchProgress(state.Job.Index, state.Job.RedactedUrl, state.Name, what, state.Written + state.Pending, state.Length, retryIn, error) { Speed = speed });
    }
}
