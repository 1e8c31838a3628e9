using System.CommandLine;
using Atelier.Cli.Commands;

namespace Atelier.Cli.Batch;

/// <summary>A command that runs a batch: the view its options choose, the batch it starts, the driver to its exit code.</summary>
internal static class BatchCommand
{
    /// <param name="name">The command's name, which also starts each plain progress line.</param>
    /// <param name="description">The help's description, with examples.</param>
    /// <param name="line">The command's options.</param>
    /// <param name="start">Maps the options to a library call and starts it, reporting progress on the view.</param>
    public static Command Create(string name, string description, IBatchCommandLine line, Func<ParseResult, BatchView, CancellationToken, IBatchRun> start)
    {
        var command = new Command(name, description);
        line.All.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var view = BatchView.For(parse.InvocationConfiguration.Error, name, parse.GetValue(line.Quiet));
            using var run = start(parse, view, cancellationToken);
            var output = BatchOutput.For(parse, line.Json, line.Report, line.Quiet);
            return await run.RunAsync(view, output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
