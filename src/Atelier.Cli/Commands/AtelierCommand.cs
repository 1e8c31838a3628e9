using System.CommandLine;

namespace Atelier.Cli.Commands;

/// <summary>The root: <c>atelier</c> and its commands.</summary>
internal static class AtelierCommand
{
    private const string Description = "Concurrent and parallel batch work: downloads, thumbnails, monitoring, parallel commands, and the lessons behind them.";

    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("fetch", FetchCommand.Create),
        ("resize", ResizeCommand.Create),
        ("monitor", MonitorCommand.Create),
        ("run", RunCommand.Create),
        ("worker", WorkerCommand.Create),
        ("queue", QueueCommand.Create),
        ("lab", LabCommand.Create),
    ];

    /// <summary>Every command: for help, and for tests.</summary>
    public static RootCommand Create() => Create([]);

    /// <summary>
    /// Only what <paramref name="args"/> can reach: the command its first word names, or none for <c>--version</c>; every
    /// command otherwise (help, a mistyped name). Building a command touches all of its code, and start-up is most of
    /// what a short command costs.
    /// </summary>
    public static RootCommand Create(IReadOnlyList<string> args)
    {
        var root = new RootCommand(Description);
        var first = args.Count > 0 ? args[0] : null;
        var named = Array.FindIndex(Commands, c => c.Name == first);
        if (named >= 0)
        {
            root.Subcommands.Add(Commands[named].Create());
        }
        else if (first != "--version")
        {
            foreach (var (_, create) in Commands)
            {
                root.Subcommands.Add(create());
            }
        }

        return root;
    }
}
