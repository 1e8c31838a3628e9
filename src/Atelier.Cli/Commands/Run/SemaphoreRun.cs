using System.CommandLine;
using Atelier.Jobs.Semaphores;

namespace Atelier.Cli.Commands.Run;

/// <summary>
/// <c>atelier run --semaphore</c>, GNU parallel's <c>sem</c>: one command, started when a place of the named semaphore
/// is free; in the background (holding the place until it ends), or with <c>--fg</c> waited for.
/// </summary>
internal static class SemaphoreRun
{
    public static async Task<int> RunAsync(ParseResult parse, RunCommandLine line, TextWriter stderr, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(line.SemaphoreId)!;
        var words = parse.GetValue(line.Words) ?? [];
        if (parse.GetValue(line.Wait))
        {
            await CommandSemaphore.WaitAllAsync(id, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            if (words.Length == 0)
            {
                return ExitCodes.Success;
            }
        }

        if (words.Length == 0)
        {
            throw new AtelierException("--semaphore runs a command: give it after the options (atelier run --semaphore --id NAME -j N COMMAND ...).");
        }

        if (words.Contains(":::") || words.Contains("::::"))
        {
            throw new AtelierException("--semaphore runs one command, without inputs: run it once per value from a loop, or drop --semaphore.");
        }

        var seconds = parse.GetValue(line.SemaphoreTimeout);
        var outcome = await new SemaphoreCommand(id, parse.GetResult(line.Jobs) is { Implicit: false } ? line.JobSlots(parse) : 1, parse.GetValue(line.Shell) ? ["/bin/sh", "-c", string.Join(' ', words)] : words)
        {
            Timeout = seconds is { } s ? TimeSpan.FromSeconds(Math.Abs(s)) : null,
            RunAnyway = seconds > 0,
            Foreground = parse.GetValue(line.Foreground),
        }.RunAsync(cancellationToken).ConfigureAwait(false);
        if (!outcome.HadPlace)
        {
            await stderr.WriteLineAsync(outcome.Ran
                ? $"atelier run: no place of semaphore '{id}' came free in {seconds:0.###} s; running the command anyway."
                : $"atelier run: no place of semaphore '{id}' came free in {-seconds:0.###} s; the command was not run.").ConfigureAwait(false);
        }

        return outcome.Ran ? outcome.ExitCode ?? ExitCodes.Success : ExitCodes.ItemsFailed;
    }
}
