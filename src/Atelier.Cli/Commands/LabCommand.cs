using System.CommandLine;
using Atelier.Cli.Commands.Lab;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier lab</c>: the chapter's lessons, each a small measured experiment.</summary>
internal static class LabCommand
{
    public static Command Create() => new("lab", "The chapter's lessons on threads, locks, queues and processes, as measured experiments.")
    {
        LabListCommand.Create(),
        LabThreadsCommand.Create(),
        LabDownloadsCommand.Create(),
        LabRaceCommand.Create(),
        LabPipelineCommand.Create(),
        LabCpuCommand.Create(),
        LabWorkersCommand.Create(),
        LabErrorsCommand.Create(),
        LabTourCommand.Create(),
        LabWorkerCommand.Create(),
    };
}
