using Atelier.Processes;

namespace Atelier.TestWorker;

/// <summary>Starts workers of its own, prints their process ids, then waits to be killed.</summary>
internal static class OrphanParent
{
    public static async Task<int> RunAsync(int count)
    {
        var program = WorkerProgram.ForCurrentProcess();
        var pool = new ProcessPool<TestRequest, TestResponse>(
            program,
            TestMessagesContext.Default.TestRequest,
            TestMessagesContext.Default.TestResponse,
            new ProcessPoolOptions { MaxDegreeOfParallelism = count });
        var requests = Enumerable.Range(0, count).Select(_ => new TestRequest("sleep", DelayMs: 200));
        await foreach (var result in pool.RunAsync(requests))
        {
            Console.WriteLine(result.Value!.ProcessId);
        }

        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
