using System.Runtime.InteropServices;
using System.Runtime.Versioning;

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
        // Continuations run on the thread that reaps (a pool thread handling the signal): one thread hop less per job.
        var exited = new TaskCompletionSource<int>();
        (int Status, bool Lost)? ended;
        lock (gate)
        {
            // The child may have exited before it was tracked; its SIGCHLD found nothing to reap then.
            ended = TryReap(pid);
            if (ended is null)
            {
                children.Add(pid, exited);
            }
        }

        if (ended is { } end)
        {
            Complete(pid, exited, end);
        }

        return exited.Task;
    }

    /// <summary>Reaps <paramref name="pid"/> now if it has exited, completing its task; otherwise SIGCHLD will.</summary>
    public void TryReapNow(int pid)
    {
        TaskCompletionSource<int>? exited;
        (int Status, bool Lost)? ended = null;
        lock (gate)
        {
            if (children.TryGetValue(pid, out exited) && TryReap(pid) is { } end)
            {
                children.Remove(pid);
                ended = end;
            }
        }

        if (ended is { } reaped)
        {
            Complete(pid, exited!, reaped);
        }
    }

    private void ReapAll()
    {
        List<(int Pid, TaskCompletionSource<int> Exited, (int, bool) End)>? reaped = null;
        lock (gate)
        {
            foreach (var (pid, exited) in children)
            {
                if (TryReap(pid) is { } end)
                {
                    children.Remove(pid);
                    (reaped ??= []).Add((pid, exited, end));
                }
            }
        }

        // Outside the lock: completing runs the jobs' continuations.
        foreach (var (pid, exited, end) in reaped ?? [])
        {
            Complete(pid, exited, end);
        }
    }

    /// <summary>The child's wait status once it has exited; Lost when something else reaped it; null while it runs.</summary>
    private static (int Status, bool Lost)? TryReap(int pid)
    {
        var reaped = Native.WaitPid(pid, out var status, Native.WNOHANG);
        return reaped == pid ? (status, false)
            : reaped == -1 && Marshal.GetLastPInvokeError() == Native.ECHILD ? (0, true)
            : null;
    }

    private static void Complete(int pid, TaskCompletionSource<int> exited, (int Status, bool Lost) end)
    {
        if (end.Lost)
        {
            exited.TrySetException(new InvalidOperationException($"Process {pid} was reaped by someone else; its exit status is lost."));
        }
        else
        {
            exited.TrySetResult(end.Status);
        }
    }
}
