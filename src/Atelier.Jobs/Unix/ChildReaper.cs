using System.Runtime.Versioning;
using System.Runtime.InteropServices;

namespace Atelier.Jobs.Unix;

/// <summary>
/// Reaps the children the runner spawned and completes a task with each one's wait status.
/// </summary>
/// <remarks>
/// SIGCHLD says that some child changed state (several exits may arrive as one signal), so each signal checks
/// every child still tracked with a non-blocking <c>waitpid</c> on its own pid; children of
/// <see cref="System.Diagnostics.Process"/> are left to the runtime.
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class ChildReaper
{
    private static readonly Lazy<ChildReaper> Shared = new(() => new ChildReaper());
    private readonly Dictionary<int, TaskCompletionSource<int>> children = [];
    private readonly Lock gate = new();
    private readonly PosixSignalRegistration registration;

    private ChildReaper()
    {
        registration = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapAll());
    }

    public static ChildReaper Instance => Shared.Value;

    /// <summary>Starts tracking <paramref name="pid"/>, which must have been spawned by this process and not yet reaped.</summary>
    /// <returns>The child's wait status once it has exited.</returns>
    public Task<int> Track(int pid)
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            children.Add(pid, exited);

            // The child may have exited before it was tracked; its SIGCHLD found nothing to reap then.
            TryReap(pid, exited);
        }

        return exited.Task;
    }

    private void ReapAll()
    {
        lock (gate)
        {
            foreach (var (pid, exited) in children)
            {
                TryReap(pid, exited);
            }
        }
    }

    private void TryReap(int pid, TaskCompletionSource<int> exited)
    {
        var reaped = Native.WaitPid(pid, out var status, Native.WNOHANG);
        if (reaped == pid)
        {
            children.Remove(pid);
            exited.TrySetResult(status);
        }
        else if (reaped == -1 && Marshal.GetLastPInvokeError() == Native.ECHILD)
        {
            children.Remove(pid);
            exited.TrySetException(new InvalidOperationException($"Process {pid} was reaped by someone else; its exit status is lost."));
        }
    }
}
