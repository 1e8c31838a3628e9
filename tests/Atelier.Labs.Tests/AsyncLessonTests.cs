using Atelier.Labs.Async;

namespace Atelier.Labs.Tests;

/// <summary><c>lab async</c>: .Result deadlocks on a single-threaded context, ConfigureAwait(false) and await do not.</summary>
public sealed class AsyncLessonTests
{
    [Fact]
    public async Task Run_ResultDeadlocks_ConfigureAwaitFalseAndAwaitDoNot_AndAwaitedRequestsHoldNoThread()
    {
        var report = (AsyncReport)await AsyncLesson.Definition.RunAsync(
            new LessonRun { Values = new Dictionary<string, object> { ["requests"] = 20L, ["wait"] = TimeSpan.FromMilliseconds(50), ["watchdog"] = TimeSpan.FromSeconds(2) } },
            TestContext.Current.CancellationToken);

        Assert.Equal([(".Result", false), (".Result, ConfigureAwait(false) inside", true), ("await", true)], report.Context.Select(c => (c.Way, c.Finished)));
        // 2 s: the two that finish do so in milliseconds, with room on a busy machine; the deadlock waits it out.
        Assert.True(report.Context[0].ElapsedMs >= 2000);
        Assert.True(report.Succeeded);

        // Awaited, all 20 waits overlap: well under 20 x 50 ms however few threads the pool has.
        Assert.InRange(report.Pool[1].ElapsedMs, 40, 500);
        Assert.True(report.Pool[0].ElapsedMs >= 40);
        Assert.Contains("\"finished\":false", report.ToJson(), StringComparison.Ordinal);
    }
}
