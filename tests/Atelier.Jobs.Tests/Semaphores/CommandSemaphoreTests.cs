using System.Diagnostics;
using Atelier.Jobs.Semaphores;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Semaphores;

/// <summary>The semaphore separate runs share: places held by file locks that die with their holders.</summary>
public sealed class CommandSemaphoreTests
{
    private static string NewId() => $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task TakeAsync_AllPlacesHeld_WaitsUntilOneIsFreed_AndTimesOutOnTheClock()
    {
        var id = NewId();
        var time = new FakeTimeProvider();
        using var first = await CommandSemaphore.TakeAsync(id, 2, null, time, TestContext.Current.CancellationToken);
        var second = await CommandSemaphore.TakeAsync(id, 2, null, time, TestContext.Current.CancellationToken);
        Assert.Equal((1, 2), (first!.Number, second!.Number));

        var third = CommandSemaphore.TakeAsync(id, 2, TimeSpan.FromSeconds(10), time, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(third.IsCompleted);
        second.Dispose();
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            time.Advance(CommandSemaphore.PollEvery);
            return third.IsCompleted;
        }, TimeSpan.FromSeconds(10)));
        using var got = await third;
        Assert.Equal(2, got!.Number);

        // All held again: after the timeout, null.
        var late = CommandSemaphore.TakeAsync(id, 2, TimeSpan.FromSeconds(3), time, TestContext.Current.CancellationToken);
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return late.IsCompleted;
        }, TimeSpan.FromSeconds(10)));
        Assert.Null(await late);
    }

    [Fact]
    public async Task Bequeath_AProgramStartedAfterwardsHoldsThePlace_UntilItEnds()
    {
        var id = NewId();
        Process sleeper;
        using (var place = await CommandSemaphore.TakeAsync(id, 1, null, TimeProvider.System, TestContext.Current.CancellationToken))
        {
            place!.Bequeath();
            sleeper = Process.Start("sleep", "30");
        }

        using (sleeper)
        {
            // This process let go; the program it started still holds the place.
            Assert.Null(await CommandSemaphore.TakeAsync(id, 1, TimeSpan.Zero, TimeProvider.System, TestContext.Current.CancellationToken));
            sleeper.Kill();
            await sleeper.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // Killed: its lock died with it.
        using var free = await CommandSemaphore.TakeAsync(id, 1, TimeSpan.Zero, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.NotNull(free);
        Directory.Delete(CommandSemaphore.FolderOf(id), recursive: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void FolderOf_ANameThatIsNotOne_IsRefused(string id) =>
        Assert.Contains("is not a semaphore name", Assert.Throws<AtelierException>(() => CommandSemaphore.FolderOf(id)).Message, StringComparison.Ordinal);
}
