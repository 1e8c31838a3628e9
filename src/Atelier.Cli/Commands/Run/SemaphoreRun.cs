using System.CommandLine;
using System.Diagnostics;
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
        var slots = parse.GetResult(line.Jobs) is { Implicit: false } ? line.JobSlots(parse) : 1;
        using var place = await CommandSemaphore.TakeAsync(id, slots, seconds is { } s ? TimeSpan.FromSeconds(Math.Abs(s)) : null, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        if (place is null)
        {
            if (seconds < 0)
            {
                await stderr.WriteLineAsync($"atelier run: no place of semaphore '{id}' came free in {-seconds:0.###} s; the command was not run.").ConfigureAwait(false);
                return ExitCodes.ItemsFailed;
            }

            await stderr.WriteLineAsync($"atelier run: no place of semaphore '{id}' came free in {seconds:0.###} s; running the command anyway.").ConfigureAwait(false);
        }

        var start = new ProcessStartInfo(parse.GetValue(line.Shell) ? "/bin/sh" : words[0]) { UseShellExecute = false };
        foreach (var word in parse.GetValue(line.Shell) ? ["-c", string.Join(' ', words)] : words[1..])
        {
            start.ArgumentList.Add(word);
        }

        var foreground = parse.GetValue(line.Foreground);
        if (!foreground)
        {
            // The command holds the place on its own, through the lock it inherits; this process is free to go.
            place?.Bequeath();
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AtelierException($"Cannot run '{words[0]}': {e.Message}.", e);
        }

        using (process)
        {
            if (!foreground)
            {
                return ExitCodes.Success;
            }

            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return process.ExitCode;
        }
    }
}
