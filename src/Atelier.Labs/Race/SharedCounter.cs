namespace Atelier.Labs.Race;

/// <summary>The counter the threads share, and the three ways they update it.</summary>
internal sealed class SharedCounter
{
    private readonly Lock gate = new();
    private long value;

    public long Value => Interlocked.Read(ref value);

    /// <summary>Back to 0, between trials (no thread is incrementing then).</summary>
    public void Reset() => Interlocked.Exchange(ref value, 0);

    /// <summary>Read, add, write: another thread's update between the read and the write is lost.</summary>
    public void IncrementUnsynchronised() => value++;

    public void IncrementUnderLock()
    {
        lock (gate)
        {
            value++;
        }
    }

    public void IncrementInterlocked() => Interlocked.Increment(ref value);
}
