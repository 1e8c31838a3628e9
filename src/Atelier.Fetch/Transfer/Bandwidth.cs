using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// A cap on bytes per second, for a whole run or for one download. System.Threading.RateLimiting's
/// <see cref="ConcurrencyLimiter"/> holds the bytes taken and not yet let go (at most <see cref="Burst"/> periods'
/// worth) and queues whoever waits, in turn and cancellably; the options' clock lets <see cref="Chunk"/> bytes go every
/// <see cref="Period"/>.
/// </summary>
/// <remarks>
/// The clock is the options' <see cref="TimeProvider"/> rather than the limiter's own: .NET's replenishing limiters
/// read the system clock and take no <see cref="TimeProvider"/> (dotnet/runtime#106447), so they cannot be tested on
/// fake time. A download reads at most <see cref="Chunk"/> bytes at a time and then takes as many as it read: over any
/// span of more than a few periods, the bytes taken stay at the rate. Thread-safe.
/// </remarks>
internal sealed class Bandwidth : IDisposable
{
    /// <summary>How many periods' bytes may be taken ahead: what a run starts with, and what a late clock tick makes up.</summary>
    public const int Burst = 4;

    private readonly ConcurrencyLimiter window;
    private readonly ConcurrentQueue<(RateLimitLease Lease, int Bytes)> taken = new();
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private readonly Lock leaking = new();
    private long nextLeak;
    private long allowance;

    public Bandwidth(long bytesPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        ArgumentNullException.ThrowIfNull(time);

        // Twenty periods a second, or longer ones for rates under 20 bytes a second (a chunk is at least a byte).
        Chunk = (int)Math.Clamp(Math.Round(bytesPerSecond / 20.0), 1, 1 << 20);
        Period = TimeSpan.FromSeconds(Chunk / (double)bytesPerSecond);
        window = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Burst * Chunk,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        this.time = time;
        nextLeak = time.GetTimestamp() + Ticks(Period);
        timer = time.CreateTimer(_ => Leak(), null, Period, Period);
    }

    /// <summary>How many bytes go every <see cref="Period"/>, and the most a read takes before it waits.</summary>
    public int Chunk { get; }

    /// <summary>How often <see cref="Chunk"/> bytes go: a twentieth of a second, longer for rates under 20 bytes a second.</summary>
    public TimeSpan Period { get; }

    /// <summary>Takes <paramref name="bytes"/> (at most <see cref="Chunk"/>), waiting while the window is full.</summary>
    public async ValueTask TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(bytes, 1, Chunk);
        var lease = await window.AcquireAsync(count, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("The bandwidth window refused a wait it should queue.");
        }

        taken.Enqueue((lease, count));
        Leak();
    }

    public void Dispose()
    {
        timer.Dispose();
        while (taken.TryDequeue(out var held))
        {
            held.Lease.Dispose();
        }

        window.Dispose();
    }

    /// <summary>Lets go a chunk for every period that has passed (a late tick makes up the ones it missed), oldest first.</summary>
    private void Leak()
    {
        lock (leaking)
        {
            var now = time.GetTimestamp();
            var period = Ticks(Period);
            while (nextLeak <= now)
            {
                nextLeak += period;
                allowance = Math.Min(allowance + Chunk, (long)Burst * Chunk);
            }

            while (taken.TryPeek(out var oldest) && oldest.Bytes <= allowance)
            {
                taken.TryDequeue(out _);
                allowance -= oldest.Bytes;
                oldest.Lease.Dispose();
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
