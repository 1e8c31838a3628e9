namespace Atelier.Imaging.Processing;

/// <summary>A resizer's running counts; safe to read from any thread while workers update them.</summary>
internal sealed class ResizeCounter(TimeProvider time)
{
    private long started = time.GetTimestamp();
    private long found;
    private int foundAll;
    private long expected = -1;
    private long running;
    private long resized;
    private long skipped;
    private long failed;

    public void Start()
    {
        Volatile.Write(ref started, time.GetTimestamp());
        Volatile.Write(ref foundAll, 0);
    }

    /// <summary>Counts the inputs as they are found, and notes when there are no more.</summary>
    public IEnumerable<T> Counting<T>(IEnumerable<T> inputs)
    {
        foreach (var input in inputs)
        {
            Interlocked.Increment(ref found);
            yield return input;
        }

        Volatile.Write(ref foundAll, 1);
    }

    /// <summary>How many inputs a quick walk ahead of the work found in all.</summary>
    public void Expect(long count) => Interlocked.Exchange(ref expected, count);

    public void Began() => Interlocked.Increment(ref running);

    /// <summary>An input ended; an interrupted one is no longer running, and counted nowhere else.</summary>
    public void Ended(ResizeStatus status)
    {
        Interlocked.Decrement(ref running);
        switch (status)
        {
            case ResizeStatus.Resized:
                Interlocked.Increment(ref resized);
                break;
            case ResizeStatus.Skipped:
                Interlocked.Increment(ref skipped);
                break;
            case ResizeStatus.Failed:
                Interlocked.Increment(ref failed);
                break;
        }
    }

    public ResizeTotals Snapshot() => new(
        Interlocked.Read(ref found),
        Volatile.Read(ref foundAll) == 1,
        Interlocked.Read(ref running),
        Interlocked.Read(ref resized),
        Interlocked.Read(ref skipped),
        Interlocked.Read(ref failed),
        time.GetElapsedTime(Volatile.Read(ref started)))
    {
        Expected = Interlocked.Read(ref expected) is var count and >= 0 ? count : null,
    };
}
