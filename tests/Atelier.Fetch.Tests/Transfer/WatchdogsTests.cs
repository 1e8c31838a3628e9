using Atelier.Fetch.Transfer;

namespace Atelier.Fetch.Tests.Transfer;

/// <summary>One clock for every attempt: stalls and deadlines on fake time.</summary>
public sealed class WatchdogsTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(4);

    [Fact]
    public void Start_NoDataForTheStallTimeout_FiresAsStalledWithinAQuarterOfItLate()
    {
        var time = new FakeTimeProvider();
        using var watchdogs = new Watchdogs(Stall, deadline: null, time);
        using var watchdog = watchdogs.Start(CancellationToken.None);

        time.Advance(Stall - TimeSpan.FromMilliseconds(1));
        Assert.False(watchdog.Token.IsCancellationRequested);
        time.Advance(Stall / 4);

        Assert.True(watchdog.Token.IsCancellationRequested);
        Assert.Equal(Watchdog.Expiry.Stalled, watchdog.Expired);
    }

    [Fact]
    public void Progressed_DataKeepsComing_NeverFiresUntilTheDeadline()
    {
        var time = new FakeTimeProvider();
        using var watchdogs = new Watchdogs(Stall, deadline: TimeSpan.FromSeconds(20), time);
        using var watchdog = watchdogs.Start(CancellationToken.None);

        for (var second = 0; second < 19; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            watchdog.Progressed();
        }

        Assert.False(watchdog.Token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(Watchdog.Expiry.Deadline, watchdog.Expired);
        Assert.True(watchdog.Token.IsCancellationRequested);
    }

    [Fact]
    public void Dispose_EndedAttempt_IsNeverFiredAndOthersStillAre()
    {
        var time = new FakeTimeProvider();
        using var watchdogs = new Watchdogs(Stall, deadline: null, time);
        var ended = watchdogs.Start(CancellationToken.None);
        using var running = watchdogs.Start(CancellationToken.None);
        var endedToken = ended.Token;
        ended.Dispose();

        time.Advance(Stall * 2);

        Assert.False(endedToken.IsCancellationRequested);
        Assert.Equal(Watchdog.Expiry.Stalled, running.Expired);
    }

    [Fact]
    public void Start_CallerCancels_TokenFiresWithoutExpiry()
    {
        using var caller = new CancellationTokenSource();
        using var watchdogs = new Watchdogs(Stall, deadline: null, new FakeTimeProvider());
        using var watchdog = watchdogs.Start(caller.Token);

        caller.Cancel();

        Assert.True(watchdog.Token.IsCancellationRequested);
        Assert.Equal(Watchdog.Expiry.None, watchdog.Expired);
    }
}
