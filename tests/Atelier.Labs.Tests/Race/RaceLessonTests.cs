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
