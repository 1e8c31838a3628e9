using Atelier.Labs.Race;

namespace Atelier.Labs.Tests.Race;

public sealed class RaceLessonTests
{
    [Fact]
    public async Task RunAsync_LockAndInterlocked_CountExactly()
    {
        var report = await RaceLesson.RunAsync(new RaceOptions { Threads = 4, Increments = 200_000 }, TestContext.Current.CancellationToken);

        Assert.Equal(["unsynchronised", "lock", "Interlocked"], report.Runs.Select(r => r.Mode));
        Assert.All(report.Runs, r => Assert.Equal(800_000, r.Expected));
        Assert.Equal(800_000, report.Runs[1].Obtained);
        Assert.Equal(800_000, report.Runs[2].Obtained);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task RunAsync_Unsynchronised_ReportsWhatItLostConsistently()
    {
        var report = await RaceLesson.RunAsync(new RaceOptions { Threads = 4, Increments = 200_000 }, TestContext.Current.CancellationToken);

        var racy = report.Runs[0];
        Assert.InRange(racy.Obtained, 1, racy.Expected);
        Assert.Equal(racy.Expected - racy.Obtained, racy.Lost);
        var finding = report.Findings[0];
        Assert.Contains(racy.Lost > 0 ? "updates were lost" : "happened not to lose any", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NoLossWithoutSynchronisation_SaysSoInsteadOfClaimingALoss()
    {
        var report = new RaceReport(2, 10, [new RaceRun("unsynchronised", 20, 20, 1), new RaceRun("lock", 20, 20, 2), new RaceRun("Interlocked", 20, 20, 1)]);

        Assert.StartsWith("This run happened not to lose any updates", report.Findings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_LockedRunInexact_IsNotASuccess()
    {
        var report = new RaceReport(2, 10, [new RaceRun("unsynchronised", 20, 15, 1), new RaceRun("lock", 20, 19, 2), new RaceRun("Interlocked", 20, 20, 1)]);

        Assert.False(report.Succeeded);
    }
}

/// <summary><c>lab race --explore</c>: the explorer's counts for count++, and the real runs beside them.</summary>
public sealed class RaceExploreTests
{
    [Fact]
    public async Task Explore_Defaults_TwoThreadsOnce_20Orders18Lose_LockAndInterlocked2Each()
    {
        var report = (RaceExploreReport)await RaceLesson.Definition.RunAsync(
            new LessonRun { Values = new Dictionary<string, object> { ["explore"] = true, ["show"] = 3L } }, TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), (report.Threads, report.Increments));
        Assert.Equal(
            [("unsynchronised", 20, 18), ("lock", 2, 0), ("Interlocked", 2, 0)],
            report.Modes.Select(m => (m.Mode, (int)m.Schedules, (int)m.Lost)));
        Assert.True(report.Modes.All(m => m.Exhaustive));
        Assert.True(report.Succeeded);

        // Replayed: a losing order first (both write 1), then the good one.
        Assert.Equal(["count = 1", "count = 2"], report.Shown.Where(s => s.Mode == "unsynchronised").Select(s => s.Outcome));
        Assert.Equal(1, report.Shown[0].Steps[^1].Shared[0]);
        Assert.Equal(20_000, report.RealTrials);
        Assert.InRange(report.RealLost, 0, report.RealTrials);
        Assert.Contains("\"schedules\":20,\"lost\":18", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explore_ThreeThreadsTwice_CountsEveryOrderExactly()
    {
        var report = (RaceExploreReport)await RaceLesson.Definition.RunAsync(
            new LessonRun { Values = new Dictionary<string, object> { ["explore"] = true, ["threads"] = 3L, ["increments"] = 2L, ["show"] = 0L } }, TestContext.Current.CancellationToken);

        // 18! / (6!)^3 orders; only the 90 that never overlap two increments keep all 6 (see ExplorerTests).
        Assert.Equal((17_153_136L, 17_153_136L - 90), ((long)report.Modes[0].Schedules, (long)report.Modes[0].Lost));

        // Under the lock: the 6 critical sections in any order of the threads, 6! / (2!)^3 = 90.
        Assert.Equal(90L, (long)report.Modes[1].Schedules);
        Assert.DoesNotContain(report.Shown, s => s.Mode == "unsynchronised");
    }
}
