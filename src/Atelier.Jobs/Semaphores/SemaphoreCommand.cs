using System.Diagnostics;

namespace Atelier.Jobs.Semaphores;

/// <summary>
/// GNU parallel's <c>sem</c>: one command run when a place of a <see cref="CommandSemaphore"/> is free; in the
/// background, holding the place until it ends (the lock passed on to it), or in the foreground, waited for.
/// </summary>
/// <param name="Id">The semaphore's name.</param>
/// <param name="Slots">How many commands of that name may run at once, as this caller counts them.</param>
/// <param name="Command">The program and its arguments.</param>
public sealed record SemaphoreCommand(string Id, int Slots, IReadOnlyList<string> Command)
{
    /// <summary>How long to wait for a place at most; null for as long as it takes.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether, after <see cref="Timeout"/>, the command runs anyway (else it is not run).</summary>
    public bool RunAnyway { get; init; }

    /// <summary>Whether to wait for the command and give its exit code (else it is started in the background).</summary>
    public bool Foreground { get; init; }

    /// <summary>The clock waits are timed with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Waits for a place, then starts the command.</summary>
    /// <param name="cancellationToken">Stops waiting; in the foreground, kills the command.</param>
    /// <returns>What happened: whether a place was had, whether the command ran, and its exit code in the foreground.</returns>
    /// <exception cref="AtelierException">The command cannot be started, or the semaphore's files cannot be used.</exception>
    public async Task<SemaphoreOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(Command.Count);
        using var place = await CommandSemaphore.TakeAsync(Id, Slots, Timeout, TimeProvider, cancellationToken).ConfigureAwait(false);
        if (place is null && !RunAnyway)
        {
            return new SemaphoreOutcome(HadPlace: false, Ran: false, ExitCode: null);
        }

        var start = new ProcessStartInfo(Command[0]) { UseShellExecute = false };
        foreach (var word in Command.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        if (!Foreground)
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
            throw new AtelierException($"Cannot run '{Command[0]}': {e.Message}.", e);
        }

        using (process)
        {
            if (!Foreground)
            {
                return new SemaphoreOutcome(place is not null, Ran: true, ExitCode: null);
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

            return new SemaphoreOutcome(place is not null, Ran: true, process.ExitCode);
        }
    }
}

/// <summary>What <see cref="SemaphoreCommand.RunAsync"/> did.</summary>
/// <param name="HadPlace">Whether a place came free in time.</param>
/// <param name="Ran">Whether the command was started.</param>
/// <param name="ExitCode">Its exit code, in the foreground; null in the background or when it did not run.</param>
public sealed record SemaphoreOutcome(bool HadPlace, bool Ran, int? ExitCode);
