using System.CommandLine;
using Atelier.Labs.Cpu;
using Atelier.Processes;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab cpu</c>.</summary>
internal static class LabCpuCommand
{
    public static Command Create()
    {
        var defaults = new CpuOptions { WorkerProgram = new WorkerProgram("atelier") };
        var limit = CommonOptions.Count("--limit", defaults.Limit, "Sum i² for 0 <= i < LIMIT.", minimum: 1, maximum: SumOfSquares.MaxLimit);
        var ranges = CommonOptions.Count("--ranges", defaults.Ranges, "How many ranges the work is split into.");
        var workers = CommonOptions.Count("--workers", defaults.Workers, "How many threads or processes share the ranges.");
        return LessonCommand.Create("cpu", [limit, ranges, workers], async (parse, cancellationToken) =>
            await CpuLesson.RunAsync(
                new CpuOptions
                {
                    Limit = parse.GetValue(limit),
                    Ranges = parse.GetValue(ranges),
                    Workers = parse.GetValue(workers),
                    WorkerProgram = LabWorkerCommand.Program("cpu"),
                },
                cancellationToken).ConfigureAwait(false));
    }
}
