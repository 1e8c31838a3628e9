using System.CommandLine;
using Atelier.Labs;
using Atelier.Processes;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab worker LESSON</c> (hidden): the child side of the lessons that start processes.</summary>
internal static class LabWorkerCommand
{
    /// <summary>How a lesson starts its workers: this very program, in worker mode.</summary>
    public static WorkerProgram Program(string lesson) => WorkerProgram.ForCurrentProcess("lab", "worker", lesson);

    public static Command Create()
    {
        var lesson = new Argument<string>("lesson") { Description = "The lesson whose worker side to serve." };
        lesson.AcceptOnlyFromAmong([.. LabWorker.Lessons]);
        var command = new Command("worker", "Serve a lesson's requests on stdin/stdout (started by the lesson itself).") { lesson };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => LabWorker.RunAsync(parse.GetRequiredValue(lesson), cancellationToken));
        return command;
    }
}
