using System.Diagnostics;
using Atelier.Processes;
using Atelier.Tests.Support;
using Atelier.TestWorker;
using Atelier.Work;

namespace Atelier.Tests.Processes;

public sealed class ProcessPoolTests
{
    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_Items_AreAnsweredByChildProcessesThatExitOnTheirStopMessage()
    {
        await using var pool = TestWorkers.Pool(workers: 2);
        var results = await CollectAsync(pool.RunAsync(Enumerable.Range(0, 20).Select(i => new TestRequest("square", i)), TestToken));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i * i), results.Select(r => r.Value!.Value).Order());
        var processIds = results.Select(r => r.Value!.ProcessId).Distinct().ToList();
        Assert.InRange(processIds.Count, 1, 2);
        Assert.DoesNotContain(Environment.ProcessId, processIds);

        var exits = await pool.StopAsync();
        Assert.Equal(processIds.Order(), exits.Select(e => e.ProcessId).Order());
        Assert.All(exits, e => Assert.Equal((WorkerExitKind.Stopped, 0), (e.Kind, e.ExitCode)));
        Assert.Equal(20, exits.Sum(e => e.ItemsHandled));
        Assert.All(exits, e => Assert.False(ProcessTable.IsAlive(e.ProcessId)));
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsInWorker_FailsThatItemAndTheWorkerCarriesOn()
    {
        await using var pool = TestWorkers.Pool(workers: 1, preserveOrder: true);
        var results = await CollectAsync(pool.RunAsync([new TestRequest("square", 2), new TestRequest("throw", 3), new TestRequest("square", 4)], TestToken));

        Assert.Equal([WorkStatus.Succeeded, WorkStatus.Failed, WorkStatus.Succeeded], results.Select(r => r.Status));
        Assert.IsType<RemoteWorkException>(results[1].Exception);
        Assert.Equal("FormatException: '3' is not accepted", results[1].Reason);
        Assert.Equal(results[0].Value!.ProcessId, results[2].Value!.ProcessId);
        Assert.Empty(pool.Exits);
    }

    [Fact]
    public async Task RunAsync_WorkerExits_FailsItsItemWithTheExitCodeAndIsReplaced()
    {
        await using var pool = TestWorkers.Pool(workers: 1, preserveOrder: true);
        var results = await CollectAsync(pool.RunAsync([new TestRequest("square", 1), new TestRequest("exit", 3), new TestRequest("square", 2)], TestToken));

        var crash = Assert.IsType<WorkerCrashedException>(results[1].Exception);
        Assert.Equal(3, crash.ExitCode);
        Assert.Null(crash.Signal);
        Assert.Equal($"worker process {crash.ProcessId} exited with code 3", results[1].Reason);
        Assert.Equal(results[0].Value!.ProcessId, crash.ProcessId);
        Assert.True(results[2].Succeeded);
        Assert.NotEqual(crash.ProcessId, results[2].Value!.ProcessId);
        Assert.Equal(new WorkerExit(0, crash.ProcessId, WorkerExitKind.Crashed, 3, 1), Assert.Single(pool.Exits));
    }

    [Fact]
    public async Task RunAsync_WorkerKilledBySignal_ReasonNamesTheSignal()
    {
        await using var pool = TestWorkers.Pool(workers: 1);
        var result = Assert.Single(await CollectAsync(pool.RunAsync([new TestRequest("kill")], TestToken)));

        var crash = Assert.IsType<WorkerCrashedException>(result.Exception);
        Assert.Equal(9, crash.Signal);
        Assert.Contains("exited with code 137 (signal 9, SIGKILL)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WorkerWritesToConsole_ProtocolIsUnharmed()
    {
        await using var pool = TestWorkers.Pool(workers: 1);
        var result = Assert.Single(await CollectAsync(pool.RunAsync([new TestRequest("print", 5)], TestToken)));

        Assert.Equal(25, result.Value!.Value);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheRunningWorkerAndLeavesNoProcess()
    {
        await using var pool = TestWorkers.Pool(workers: 1, preserveOrder: true);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
        var results = new List<WorkResult<TestRequest, TestResponse>>();
        var clock = Stopwatch.StartNew();
        await foreach (var result in pool.RunAsync([new TestRequest("square", 1), new TestRequest("sleep", DelayMs: 60_000)], cancel.Token))
        {
            results.Add(result);
            await cancel.CancelAsync();
        }

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal([WorkStatus.Succeeded, WorkStatus.Canceled], results.Select(r => r.Status));
        var exit = Assert.Single(pool.Exits);
        Assert.Equal((WorkerExitKind.Killed, results[0].Value!.ProcessId), (exit.Kind, exit.ProcessId));
        Assert.False(ProcessTable.IsAlive(exit.ProcessId));
    }

    [Fact]
    public async Task DisposeAsync_AfterTheBatchLoopThrew_LeavesNoProcess()
    {
        var pool = TestWorkers.Pool(workers: 2);
        var processIds = new List<int>();
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using (pool)
            {
                await foreach (var result in pool.RunAsync([new TestRequest("square", 1), new TestRequest("sleep", DelayMs: 60_000)], TestToken))
                {
                    processIds.Add(result.Value!.ProcessId);
                    throw new InvalidOperationException("the caller's loop failed");
                }
            }
        });

        var exits = pool.Exits;
        Assert.Contains(processIds[0], exits.Select(e => e.ProcessId));
        Assert.Equal(2, exits.Count);
        Assert.All(exits, e => Assert.False(ProcessTable.IsAlive(e.ProcessId)));
    }

    [Fact]
    public async Task StopAsync_WorkerIgnoresItsStopMessage_IsKilledAfterTheTimeout()
    {
        await using var pool = TestWorkers.Pool(workers: 1, stopTimeout: TimeSpan.FromMilliseconds(300));
        await CollectAsync(pool.RunAsync([new TestRequest("linger")], TestToken));

        var exit = Assert.Single(await pool.StopAsync());
        Assert.Equal(WorkerExitKind.Killed, exit.Kind);
        Assert.False(ProcessTable.IsAlive(exit.ProcessId));
    }

    [Fact]
    public async Task StopAsync_WhileABatchRuns_IsRefusedAndTheBatchCarriesOn()
    {
        await using var pool = TestWorkers.Pool(workers: 1);
        var results = new List<WorkResult<TestRequest, TestResponse>>();
        await foreach (var result in pool.RunAsync([new TestRequest("square", 2), new TestRequest("square", 3)], TestToken))
        {
            results.Add(result);
            await Assert.ThrowsAsync<InvalidOperationException>(pool.StopAsync);
        }

        Assert.Equal([4L, 9L], results.Select(r => r.Value!.Value).Order());
        Assert.Single(await pool.StopAsync());
    }

    [Fact]
    public async Task RunAsync_ProgramMissing_FailsItemsWithAReadableReason()
    {
        await using var pool = new ProcessPool<TestRequest, TestResponse>(
            new WorkerProgram("/nonexistent/worker"),
            TestMessagesContext.Default.TestRequest,
            TestMessagesContext.Default.TestResponse,
            new ProcessPoolOptions { MaxDegreeOfParallelism = 1 });
        var result = Assert.Single(await CollectAsync(pool.RunAsync([new TestRequest("square", 1)], TestToken)));

        Assert.Equal(WorkStatus.Failed, result.Status);
        Assert.StartsWith("Could not start the worker program '/nonexistent/worker'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParentKilled_ItsWorkersSeeTheirInputCloseAndExit()
    {
        using var parent = Process.Start(new ProcessStartInfo(TestWorkers.Executable, ["parent", "2"]) { RedirectStandardOutput = true })!;
        var processIds = new List<int>();
        while (await parent.StandardOutput.ReadLineAsync(TestToken) is { } line && line != "ready")
        {
            processIds.Add(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.NotEmpty(processIds);
        Assert.All(processIds, id => Assert.True(ProcessTable.IsAlive(id)));

        parent.Kill();
        Assert.True(await Eventually.HoldsAsync(() => !processIds.Any(ProcessTable.IsAlive)));
    }

    private static async Task<List<WorkResult<TestRequest, TestResponse>>> CollectAsync(IAsyncEnumerable<WorkResult<TestRequest, TestResponse>> results)
    {
        var list = new List<WorkResult<TestRequest, TestResponse>>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }
}
