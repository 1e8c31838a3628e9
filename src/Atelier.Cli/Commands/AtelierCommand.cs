using System.CommandLine;

namespace Atelier.Cli.Commands;

/// <summary>The root: <c>atelier</c> and its commands.</summary>
internal static class AtelierCommand
{
    public static RootCommand Create() => new("Concurrent and parallel batch work: downloads, thumbnails, monitoring, parallel commands, and the lessons behind them.")
    {
        FetchCommand.Create(),
        ResizeCommand.Create(),
        MonitorCommand.Create(),
        RunCommand.Create(),
        WorkerCommand.Create(),
        QueueCommand.Create(),
        LabCommand.Create(),
    };
}
