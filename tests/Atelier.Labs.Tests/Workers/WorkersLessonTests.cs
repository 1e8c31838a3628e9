using Atelier.Labs.Workers;

namespace Atelier.Labs.Tests.Workers;

public sealed class WorkersLessonTests
{
    [Fact]
    public async Task RunAsync_EveryTaskAnsweredOnceAndEveryWorkerStoppedByItsPill()
    {
        var report = await WorkersLesson.RunAsync(
            new WorkersOptions { Tasks = 7, Workers = 3, TaskTime = TimeSpan.FromMilliseconds(20), WorkerProgram = LabWorkers.For("workers") },
            TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 7), report.Tasks.Select(t => t.Number));
        Assert.All(report.Tasks, t => Assert.Equal((long)t.Number * t.Number, t.Square));
        Assert.Equal(3, report.Workers.Count);
        Assert.All(report.Workers, w => Assert.Equal(("stopped", 0), (w.Exit, w.ExitCode)));
        Assert.Equal(7, report.Workers.Sum(w => w.TasksAnswered));
        Assert.Subset(report.Workers.Select(w => w.ProcessId).ToHashSet(), report.Tasks.Select(t => t.ProcessId).ToHashSet());
        Assert.DoesNotContain(Environment.ProcessId, report.Tasks.Select(t => t.ProcessId));
        Assert.True(report.Succeeded);
    }

    [Fact]
    public void Report_AWorkerThatCrashed_IsNotASuccessAndSaysWhich()
    {
        var report = new WorkersReport(
            [new TaskOutcome(1, 0, 42, 1, 5, null)],
            [new WorkerOutcome(0, 42, 1, "crashed", 134)],
            10);

        Assert.False(report.Succeeded);
        Assert.Contains("pid 42 crashed with code 134", report.Findings[2], StringComparison.Ordinal);
    }
}
