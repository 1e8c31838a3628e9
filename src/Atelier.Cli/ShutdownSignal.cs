using System.Runtime.InteropServices;

namespace Atelier.Cli;

/// <summary>
/// Turns the first Ctrl-C or SIGTERM into a cancellation the command sees, so it can stop cleanly and print
/// its summary; a second Ctrl-C ends the process at once.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;
    private int signal;

    public ShutdownSignal()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => source.Token;

    /// <summary>The code to exit with: an interrupted command's code becomes 143 when SIGTERM interrupted it.</summary>
    public int ExitCode(int commandExitCode) =>
        commandExitCode == ExitCodes.Interrupted && Volatile.Read(ref signal) == (int)PosixSignal.SIGTERM ? ExitCodes.Terminated : commandExitCode;

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref signal, (int)context.Signal, 0) != 0)
        {
            // Second signal: let the default action end the process.
            return;
        }

        context.Cancel = true;
        source.Cancel();
    }
}
