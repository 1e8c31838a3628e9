using Atelier.Labs.Cpu;
using Atelier.Labs.Workers;
using Atelier.Processes;

namespace Atelier.Labs;

/// <summary>The worker side of the lessons that start processes: what each child runs.</summary>
public static class LabWorker
{
    /// <summary>The lessons that have a worker side.</summary>
    public static IReadOnlyList<string> Lessons { get; } = ["cpu", "workers"];

    /// <summary>Serves the given lesson's requests on standard input and output until the stop message.</summary>
    /// <returns>The process exit code.</returns>
    /// <exception cref="AtelierException">The lesson has no worker side.</exception>
    public static Task<int> RunAsync(string lesson, CancellationToken cancellationToken = default) => lesson switch
    {
        "cpu" => ProcessWorkerHost.RunAsync(SumRangeAsync, LabJsonContext.Default.CpuRange, LabJsonContext.Default.CpuPartialSum, cancellationToken),
        "workers" => ProcessWorkerHost.RunAsync(AnswerAsync, LabJsonContext.Default.WorkerTask, LabJsonContext.Default.WorkerAnswer, cancellationToken),
        _ => throw new AtelierException($"There is no worker for lesson '{lesson}'; there is one for {string.Join(" and ", Lessons)}."),
    };

    private static ValueTask<CpuPartialSum> SumRangeAsync(CpuRange range, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CpuPartialSum(SumOfSquares.Compute(range.Start, range.End), Environment.ProcessId));

    private static async ValueTask<WorkerAnswer> AnswerAsync(WorkerTask task, CancellationToken cancellationToken)
    {
        await Task.Delay(task.WorkMs, cancellationToken).ConfigureAwait(false);
        return new WorkerAnswer(task.Number, (long)task.Number * task.Number, Environment.ProcessId);
    }
}
