using System.CommandLine;
using Atelier.Labs.Workers;
using Atelier.Processes;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab workers</c>.</summary>
internal static class LabWorkersCommand
{
    public static Command Create()
    {
        var defaults = new WorkersOptions { WorkerProgram = new WorkerProgram("atelier") };
        var tasks = CommonOptions.Count("--tasks", defaults.Tasks, "How many tasks go on the input queue.");
        var workers = CommonOptions.Count("--workers", defaults.Workers, "How many worker processes take them.");
        var taskTime = CommonOptions.Duration("--task-time", defaults.TaskTime, "How long each task takes a worker");
        return LessonCommand.Create("workers", [tasks, workers, taskTime], async (parse, cancellationToken) =>
            await WorkersLesson.RunAsync(
                new WorkersOptions
                {
                    Tasks = parse.GetValue(tasks),
                    Workers = parse.GetValue(workers),
                    TaskTime = parse.GetValue(taskTime) ?? defaults.TaskTime,
                    WorkerProgram = LabWorkerCommand.Program("workers"),
                },
                cancellationToken).ConfigureAwait(false));
    }
}
