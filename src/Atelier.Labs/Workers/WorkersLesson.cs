using System.Diagnostics;
using Atelier.Processes;

namespace Atelier.Labs.Workers;

/// <summary>Worker processes taking tasks from an input queue, answering on an output queue, stopped by a poison pill.</summary>
internal static class WorkersLesson
{
    /// <summary>The lesson as <c>atelier lab workers</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<WorkersOptions>(
        "workers",
        run => new WorkersOptions { WorkerProgram = run.WorkerFor("workers") },
        [
            LessonOf<WorkersOptions>.Number("tasks", o => o.Tasks, (o, v) => o with { Tasks = v }, 1, 100_000),
            LessonOf<WorkersOptions>.Number("workers", o => o.Workers, (o, v) => o with { Workers = v }, 1, 64),
            LessonOf<WorkersOptions>.Duration("task-time", o => o.TaskTime, (o, v) => o with { TaskTime = v }, TimeSpan.FromSeconds(10)),
        ],
        (options, _, ct) => Run(RunAsync(options, ct)))
        {
            Worker = ServeAsync,
        };

    /// <summary>Sends every task, collects every answer, then stops each worker with its own stop message.</summary>
    public static async Task<WorkersReport> RunAsync(WorkersOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Tasks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);

        var clock = Stopwatch.StartNew();
        var pool = new ProcessPool<WorkerTask, WorkerAnswer>(
            options.WorkerProgram,
            WorkersJson.Default.WorkerTask,
            WorkersJson.Default.WorkerAnswer,
            new ProcessPoolOptions { MaxDegreeOfParallelism = options.Workers });
        var tasks = new List<TaskOutcome>();
        IReadOnlyList<WorkerExit> exits;
        try
        {
            var work = Enumerable.Range(1, options.Tasks).Select(n => new WorkerTask(n, (int)options.TaskTime.TotalMilliseconds));
            await foreach (var result in pool.RunAsync(work, cancellationToken).ConfigureAwait(false))
            {
                tasks.Add(result.Succeeded
                    ? new TaskOutcome(result.Item.Number, result.Slot, result.Value!.ProcessId, result.Value.Square, Figures.Ms(result.Elapsed), null)
                    : new TaskOutcome(result.Item.Number, result.Slot, 0, null, Figures.Ms(result.Elapsed), result.Reason));
            }
        }
        finally
        {
            // The poison pills: one stop message per worker.
            exits = await pool.StopAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var workers = exits.Select(e => new WorkerOutcome(e.Slot, e.ProcessId, e.ItemsHandled, e.Kind.ToString().ToLowerInvariant(), e.ExitCode)).ToList();
        return new WorkersReport([.. tasks.OrderBy(t => t.Number)], workers, Figures.Ms(clock.Elapsed));
    }

    private static async Task<LessonReport> Run(Task<WorkersReport> run) => await run.ConfigureAwait(false);

    /// <summary>The worker side: answers each task after its work time, until its poison pill.</summary>
    private static Task<int> ServeAsync(CancellationToken cancellationToken) =>
        ProcessWorkerHost.RunAsync(AnswerAsync, WorkersJson.Default.WorkerTask, WorkersJson.Default.WorkerAnswer, cancellationToken);

    private static async ValueTask<WorkerAnswer> AnswerAsync(WorkerTask task, CancellationToken cancellationToken)
    {
        await Task.Delay(task.WorkMs, cancellationToken).ConfigureAwait(false);
        return new WorkerAnswer(task.Number, (long)task.Number * task.Number, Environment.ProcessId);
    }
}
