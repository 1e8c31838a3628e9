using Atelier.Cli.Batch;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.Batch;

public sealed class RefreshLoopTests
{
    [Fact]
    public async Task RunAsync_RefreshesEveryIntervalUntilTheWorkEnds()
    {
        var time = new FakeTimeProvider();
        var work = new TaskCompletionSource();
        var refreshes = 0;
        var loop = RefreshLoop.RunAsync(work.Task, TimeSpan.FromSeconds(2), () => Interlocked.Increment(ref refreshes), time);

        for (var tick = 1; tick <= 3; tick++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            var expected = tick;
            Assert.True(await Eventually.HoldsAsync(() => Volatile.Read(ref refreshes) == expected));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        work.SetResult();
        await loop;

        Assert.Equal(3, refreshes);
    }

    [Fact]
    public async Task RunAsync_WorkThatFails_ComesOutWithItsException()
    {
        var loop = RefreshLoop.RunAsync(Task.FromException(new InvalidOperationException("broken")), TimeSpan.FromSeconds(1), () => { }, new FakeTimeProvider());

        Assert.Equal("broken", (await Assert.ThrowsAsync<InvalidOperationException>(() => loop)).Message);
    }
}
