using System.CommandLine;
using Atelier.Cli.Commands.Lab;
using Atelier.Labs;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier lab</c>: the chapter's lessons, each a small measured experiment.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var command = new Command("lab", "The chapter's lessons on threads, locks, queues and processes, as measured experiments.") { LabListCommand.Create() };
        foreach (var lesson in Lessons.All)
        {
            command.Subcommands.Add(LessonCommand.Create(lesson));
        }

        command.Subcommands.Add(LabTourCommand.Create());
        command.Subcommands.Add(LabWorkerCommand.Create());
        return command;
    }
}
