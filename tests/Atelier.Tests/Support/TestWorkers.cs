using Atelier.Processes;
using Atelier.TestWorker;

namespace Atelier.Tests.Support;

internal static class TestWorkers
{
    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "Atelier.TestWorker");

    public static WorkerProgram Program(params string[] arguments) => new(Executable, arguments);

    public static ProcessPool<TestRequest, TestResponse> Pool(int workers, bool preserveOrder = false, TimeSpan? stopTimeout = null) => new(
        Program(),
        TestMessagesContext.Default.TestRequest,
        TestMessagesContext.Default.TestResponse,
        new ProcessPoolOptions
        {
            MaxDegreeOfParallelism = workers,
            PreserveOrder = preserveOrder,
            StopTimeout = stopTimeout ?? TimeSpan.FromSeconds(5),
        });
}
