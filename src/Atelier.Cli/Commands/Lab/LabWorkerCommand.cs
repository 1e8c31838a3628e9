using System.CommandLine;
using Atelier.Labs;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab worker LESSON</c> (hidden): the child side of the lessons that start processes.</summary>
internal static class LabWorkerCommand
{
    public static Command Create()
    {
        var lesson = new Argument<string>("lesson") { Description = "The lesson whose worker side to serve." };
        lesson.AcceptOnlyFromAmong([.. Lessons.All.Where(l => l.HasWorkers).Select(l => l.Name)]);
        var command = new Command("worker", "Serve a lesson's requests on stdin/stdout (started by the lesson itself).") { lesson };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => Lessons.Find(parse.GetRequiredValue(lesson))!.ServeWorkerAsync(cancellationToken));
        return command;
    }
}
