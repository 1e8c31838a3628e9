using System.CommandLine;
using Atelier.Labs.Threads;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab threads</c>.</summary>
internal static class LabThreadsCommand
{
    public static Command Create()
    {
        var defaults = new ThreadsOptions();
        var tasks = CommonOptions.Count("--tasks", defaults.Tasks, "How many tasks each way runs.");
        var delay = CommonOptions.Duration("--delay", defaults.Delay, "How long each task waits");
        return LessonCommand.Create("threads", [tasks, delay], async (parse, cancellationToken) =>
            await ThreadsLesson.RunAsync(new ThreadsOptions { Tasks = parse.GetValue(tasks), Delay = parse.GetValue(delay) ?? defaults.Delay }, cancellationToken).ConfigureAwait(false));
    }
}
