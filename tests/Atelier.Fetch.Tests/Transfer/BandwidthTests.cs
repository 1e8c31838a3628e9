using Atelier.Fetch.Transfer;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests.Transfer;

public sealed class BandwidthTests
{
    [Theory]
    [InlineData(20L << 20)]
    [InlineData(10_000L)]
    [InlineData(7L)]
    public async Task TakeAsync_OverTenSeconds_GivesTheRate(long rate)
    {
        var time = new FakeTimeProvider();
        using var bandwidth = new Bandwidth(rate, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        long taken = 0;

        // Two readers share it, each taking a chunk at a time as fast as it is given.
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                await bandwidth.TakeAsync(bandwidth.Chunk, stop.Token);
                Interlocked.Add(ref taken, bandwidth.Chunk);
            }
        })).ToList();
        Assert.True(await Eventually.HoldsAsync(() => Interlocked.Read(ref taken) == Bandwidth.Burst * bandwidth.Chunk));

        // Each period of fake time lets one chunk more through, and no more than that.
        var periods = (int)Math.Round(TimeSpan.FromSeconds(10) / bandwidth.Period);
        for (var period = 1; period <= periods; period++)
        {
            time.Advance(bandwidth.Period);
            var expected = (Bandwidth.Burst + period) * (long)bandwidth.Chunk;
            Assert.True(await Eventually.HoldsAsync(() => Interlocked.Read(ref taken) == expected), $"{Interlocked.Read(ref taken)} taken after {period} periods, expected {expected}");
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));

        // Ten seconds' worth after the burst it starts with, within 1%.
        Assert.InRange(Interlocked.Read(ref taken) - (Bandwidth.Burst * bandwidth.Chunk), rate * 10 * 0.99, rate * 10 * 1.01);
    }

    [Fact]
    public async Task TakeAsync_LateClockTick_MakesUpTheMissedPeriodsUpToTheBurst()
    {
        var time = new FakeTimeProvider();
        using var bandwidth = new Bandwidth(1000, time);
        for (var i = 0; i < Bandwidth.Burst; i++)
        {
            await bandwidth.TakeAsync(bandwidth.Chunk, TestContext.Current.CancellationToken);
        }

        var waiting = bandwidth.TakeAsync(bandwidth.Chunk, TestContext.Current.CancellationToken).AsTask();
        Assert.False(waiting.IsCompleted);

        // A whole second in one tick: twenty periods, of which the window holds four.
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        for (var i = 1; i < Bandwidth.Burst; i++)
        {
            Assert.True(bandwidth.TakeAsync(bandwidth.Chunk, TestContext.Current.CancellationToken).AsTask().IsCompletedSuccessfully);
        }

        Assert.False(bandwidth.TakeAsync(bandwidth.Chunk, TestContext.Current.CancellationToken).AsTask().IsCompleted);
    }

    [Fact]
    public async Task TakeAsync_Cancelled_StopsWaiting()
    {
        var time = new FakeTimeProvider();
        using var bandwidth = new Bandwidth(100, time);
        using var cancel = new CancellationTokenSource();
        for (var i = 0; i < Bandwidth.Burst; i++)
        {
            await bandwidth.TakeAsync(bandwidth.Chunk, TestContext.Current.CancellationToken);
        }

        var waiting = bandwidth.TakeAsync(bandwidth.Chunk, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
