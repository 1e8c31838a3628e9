using Atelier.Labs.Reorder;

namespace Atelier.Labs.Tests;

/// <summary><c>lab reorder</c>: what sequential consistency allows (the explorer) against what the CPU does.</summary>
public sealed class ReorderLessonTests
{
    [Fact]
    public async Task Run_NoInterleavingReadsBothZero_AndAFullFenceNeverDoes()
    {
        var report = (ReorderReport)await ReorderLesson.Definition.RunAsync(
            new LessonRun { Values = new Dictionary<string, object> { ["rounds"] = 50_000L } }, TestContext.Current.CancellationToken);

        // Two threads of 4 steps each: C(8,4) = 70 orders; in each, whichever thread stores second has its load after
        // the other's store, so it reads 1.
        Assert.Equal((70, 0), ((int)report.Orders, (int)report.OrdersBothZero));
        Assert.Equal(["plain", "Volatile", "MemoryBarrier"], report.Runs.Select(r => r.Way));
        Assert.All(report.Runs, r => Assert.InRange(r.BothZero, 0, r.Rounds));
        Assert.Equal(0, report.Runs[2].BothZero);
        Assert.True(report.Succeeded);
        Assert.Contains("\"orders\":70", report.ToJson(), StringComparison.Ordinal);
    }
}
