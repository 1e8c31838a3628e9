using System.CommandLine;
using System.CommandLine.Parsing;
using Atelier.Cli.Commands;
using Atelier.Cli.Commands.Run;

namespace Atelier.Cli;

/// <summary>Parses the arguments, runs the command, and maps what happened to an exit code.</summary>
internal static class AtelierCli
{
    /// <param name="args">The command line.</param>
    /// <param name="input">Standard input, for the commands that read it (<c>fetch -i -</c>, <c>run</c>'s values and blocks).</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Ctrl-C and SIGTERM.</param>
    public static async Task<int> RunAsync(string[] args, Stream input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Bare `atelier` and `atelier help [COMMAND]` show the help, as `atelier [COMMAND] --help` does.
        if (args is ["help", _, ..] && AtelierCommand.Create(args[1..], input).Parse(args[1..]) is { UnmatchedTokens: [var mistyped, ..] } named)
        {
            // --help would answer for the part it knows and exit 0: a mistyped command is an error.
            await error.WriteLineAsync($"atelier: no command '{string.Join(' ', args[1..])}'.{Suggestions.For(named.CommandResult.Command, mistyped)} See 'atelier --help'.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        args = args switch
        {
            [] or ["help"] => ["--help"],
            ["help", .. var command] => [.. command, "--help"],
            _ => args,
        };
        var root = AtelierCommand.Create(args, input);
        var parse = root.Parse(RunArguments.SeparateCommand(args, root.Subcommands.FirstOrDefault(c => c.Name == "run")));
        if (parse.Errors.Count == 0 && UnknownOptions.Find(parse) is { } unknown)
        {
            var command = string.Join(' ', CommandPath(parse.CommandResult));
            await error.WriteLineAsync($"atelier: unknown option '{unknown}' for '{parse.CommandResult.Command.Name}'.{Suggestions.For(parse.CommandResult.Command, unknown)} A value that starts with - goes after --. See '{command} --help'.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (parse.Errors.Count > 0)
        {
            var command = string.Join(' ', CommandPath(parse.CommandResult));
            // One line: the most specific error (an unknown word says more than the missing command it caused).
            var first = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
            var message = string.Join(' ', first.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var suggestion = parse.UnmatchedTokens.FirstOrDefault(first.Message.Contains) is { } word ? Suggestions.For(parse.CommandResult.Command, word) : "";
            await error.WriteLineAsync($"atelier: {message}{suggestion} See '{command} --help'.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // Signals are ours (ShutdownSignal): commands see the token, stop cleanly and choose the exit code.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("atelier: interrupted.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (AtelierException e)
        {
            await error.WriteLineAsync($"atelier: {SettingFlags.Describe(e)}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }

    private static Stack<string> CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? node = result; node is not null; node = node.Parent)
        {
            if (node is CommandResult command)
            {
                names.Push(command.Command is RootCommand ? "atelier" : command.Command.Name);
            }
        }

        return names;
    }
}
