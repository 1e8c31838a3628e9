using System.Buffers;
using System.Runtime.CompilerServices;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// The one loop that moves a body from the network to its target, for single and split downloads alike: reads gather
/// in a buffer and are written when it is full, when the body ends, or once the oldest unwritten byte is
/// <see cref="GatherAtMost"/> old (a 16 KiB body is one write, not one per read, and a slow one still reaches the disk
/// as it comes); each read first takes its bytes from the rate limits; never more bytes than the answer announced.
/// </summary>
/// <remarks>
/// Whatever arrived is written before a failed read's exception goes on, so that a retry resumes after it. A body
/// that ends before its announced length is a cut connection (transient); one that goes past it is a lie.
/// </remarks>
internal sealed class BodyCopy(TimeProvider time, TransferReporter reporter, Bandwidth? run)
{
    /// <summary>How long received bytes may wait in memory for more before they are written.</summary>
    private static readonly TimeSpan GatherAtMost = TimeSpan.FromMilliseconds(100);

    /// <param name="answer">The answer whose body to copy.</param>
    /// <param name="target">Where its bytes go.</param>
    /// <param name="state">The file's transfer, whose progress counts the bytes waiting to be written.</param>
    /// <param name="watchdog">The attempt's clock.</param>
    /// <param name="bufferSize">How many bytes to gather before a write.</param>
    /// <param name="seam">How many of the body's first bytes are a seam, compared and not written: progress leaves them out.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask CopyAsync(Answer answer, IBodyTarget target, TransferState state, Watchdog watchdog, int bufferSize, long seam = 0)
    {
        var body = await answer.ReadAsync(watchdog.Token).ConfigureAwait(false);
        await using var bodyScope = body.ConfigureAwait(false);
        var own = state.Job.Bandwidth;
        var announced = answer.BodyLength ?? long.MaxValue;
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);

        // Under a rate limit, reads are cut to what one period lets through, so that each waits for its own share.
        var chunk = Math.Min(run?.Chunk ?? int.MaxValue, own?.Chunk ?? int.MaxValue);
        var buffered = 0;
        var counted = 0;
        var received = 0L;
        var gatheringSince = 0L;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(buffered, Math.Min(buffer.Length - buffered, chunk)), watchdog.Token).ConfigureAwait(false);
                    if (read > 0 && (own ?? run) is not null)
                    {
                        // Waiting for our own cap is not the server stalling.
                        watchdog.Progressed();
                        await TakeBandwidthAsync(own, read, watchdog.Token).ConfigureAwait(false);
                    }
                }
                catch
                {
                    Flush(target, state, buffer, ref buffered, ref counted);
                    throw;
                }

                if (read > 0)
                {
                    received += read;
                    if (received > announced)
                    {
                        throw RunsPast(answer, announced);
                    }

                    watchdog.Progressed();
                    gatheringSince = buffered == 0 ? time.GetTimestamp() : gatheringSince;
                    buffered += read;

                    // The seam's bytes are the file's already: they wait for no write.
                    var fresh = (int)Math.Min(read, Math.Max(0, received - seam));
                    counted += fresh;
                    state.Arrived(fresh);
                    reporter.Received(state, read);
                }

                if (read == 0 || buffered == buffer.Length || time.GetElapsedTime(gatheringSince) >= GatherAtMost)
                {
                    if (!Flush(target, state, buffer, ref buffered, ref counted))
                    {
                        // The target has all it wants. When that is all the answer announced, its end is checked too.
                        if (read > 0 && received == announced && await body.ReadAsync(buffer.AsMemory(0, 1), watchdog.Token).ConfigureAwait(false) > 0)
                        {
                            throw RunsPast(answer, announced);
                        }

                        return;
                    }
                }

                if (read == 0)
                {
                    if (received < announced && announced != long.MaxValue)
                    {
                        throw new TransientFetchException($"the connection closed after {received:N0} of the {announced:N0} bytes announced");
                    }

                    return;
                }
            }
        }
        finally
        {
            state.Arrived(-counted);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Large reads for large bodies (fewer system calls), small ones for small bodies (less memory).</summary>
    public static int BufferFor(long? remaining) =>
        remaining is { } left ? (int)Math.Clamp(left, 16 * 1024, 1024 * 1024) : 256 * 1024;

    private static bool Flush(IBodyTarget target, TransferState state, byte[] buffer, ref int buffered, ref int counted)
    {
        if (buffered == 0)
        {
            return true;
        }

        var count = buffered;
        buffered = 0;
        state.Arrived(-counted);
        counted = 0;
        return target.Write(buffer.AsSpan(0, count));
    }

    private static UntrustedAnswerException RunsPast(Answer answer, long announced) => new(
        Lie.RunsPast,
        $"the server sent more than the {announced:N0} bytes it announced from byte {answer.Start}",
        spoiled: true);

    /// <summary>Waits for what a read brought to fit the download's own cap, then the run's.</summary>
    private async ValueTask TakeBandwidthAsync(Bandwidth? own, int read, CancellationToken cancellationToken)
    {
        if (own is not null)
        {
            await own.TakeAsync(read, cancellationToken).ConfigureAwait(false);
        }

        if (run is not null)
        {
            await run.TakeAsync(read, cancellationToken).ConfigureAwait(false);
        }
    }
}
