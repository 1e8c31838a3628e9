using Atelier.Labs.Cpu;

namespace Atelier.Labs.Tests.Cpu;

public sealed class CpuLessonTests
{
    [Fact]
    public async Task RunAsync_EveryWay_GivesTheIdenticalClosedFormResult()
    {
        var report = await CpuLesson.RunAsync(
            new CpuOptions { Limit = 3_000_001, Ranges = 4, Workers = 2, WorkerProgram = LabWorkers.For("cpu") },
            TestContext.Current.CancellationToken);

        Assert.Equal(SumOfSquares.Expected(3_000_001), report.Expected);
        Assert.Equal(4, report.Runs.Count);
        Assert.All(report.Runs, r => Assert.Equal(report.Expected, r.Total));
        Assert.All(report.Runs, r => Assert.Null(r.Error));
        Assert.True(report.Succeeded);
        Assert.StartsWith("All four results are identical", report.Findings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WorkersCannotStart_ReportsTheMismatchWithTheReason()
    {
        var report = await CpuLesson.RunAsync(
            new CpuOptions { Limit = 1_000, Ranges = 2, Workers = 1, WorkerProgram = new Atelier.Processes.WorkerProgram("/nonexistent/atelier") },
            TestContext.Current.CancellationToken);

        Assert.False(report.Succeeded);
        Assert.Contains("Could not start the worker program", report.Runs[2].Error, StringComparison.Ordinal);
        Assert.StartsWith("The results differ", report.Findings[0], StringComparison.Ordinal);
    }
}
