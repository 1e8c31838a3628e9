using System.CommandLine;

namespace Atelier.Cli.Commands;

/// <summary>The root: <c>atelier</c> and its commands.</summary>
internal static class AtelierCommand
{
    private const string Description = "Concurrent and parallel batch work: downloads, thumbnails, monitoring, parallel commands, and the lessons behind them.";

    // Each made with standard input, which only some of them read, and the words (lab's help follows its --lang).
    private static readonly (string Name, Func<Stream, IReadOnlyList<string>, Command> Create)[] Commands =
    [
        ("fetch", (input, _) => FetchCommand.Create(input)),
        ("resize", (_, _) => ResizeCommand.Create()),
        ("monitor", (_, _) => MonitorCommand.Create()),
        ("run", (input, _) => RunCommand.Create(input)),
        ("worker", (_, _) => WorkerCommand.Create()),
        ("queue", (_, _) => QueueCommand.Create()),
        ("lab", (_, args) => LabCommand.Create(args)),
    ];

    /// <summary>Every command, with no standard input: for help, and for tests.</summary>
    public static RootCommand Create() => Create([], Stream.Null);

    /// <summary>
    /// Only what <paramref name="args"/> can reach: the command its first word names, or none for <c>--version</c>; every
    /// command otherwise (help, a mistyped name). Building a command touches all of its code, and start-up is most of
    /// what a short command costs.
    /// </summary>
    public static RootCommand Create(IReadOnlyList<string> args, Stream input)
    {
        var root = new RootCommand(Description);
        var first = args.Count > 0 ? args[0] : null;
        var named = Array.FindIndex(Commands, c => c.Name == first);
        if (named >= 0)
        {
            root.Subcommands.Add(Commands[named].Create(input, args));
        }
        else if (first != "--version")
        {
            foreach (var (_, create) in Commands)
            {
                // The list of commands says what each does; its examples are in its own help.
                var command = create(input, args);
                command.Description = command.Description?.Split("\n\n", 2)[0].Trim();
                root.Subcommands.Add(command);
            }
        }

        return root;
    }
}
