using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Atelier.Jobs.Running;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Jobs.Unix;

/// <summary>
/// A child spawned with posix_spawn as the leader of its own process group, stdin from /dev/null (or a pipe we feed),
/// stdout and stderr into pipes: killing the group reaches every process the job started, and the terminal's Ctrl-C
/// reaches only us.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class ChildProcess : IDisposable
{
    private const int PipeSize = 1 << 20;
    private static readonly byte[] DevNull = "/dev/null\0"u8.ToArray();

    private ChildProcess(int pid, Task<int> exited, Stream output, Stream error, InputPipe? input)
    {
        Pid = pid;
        Exited = exited;
        Output = output;
        Error = error;
        Input = input;
    }

    public int Pid { get; }

    /// <summary>The wait status when the child has exited.</summary>
    public Task<int> Exited { get; }

    public Stream Output { get; }

    public Stream Error { get; }

    /// <summary>The write end of the job's stdin, when it was started with one; the caller feeds and closes it.</summary>
    public InputPipe? Input { get; }

    /// <summary>Starts <paramref name="path"/> (an absolute or relative path, never searched for in PATH).</summary>
    /// <param name="path">The program.</param>
    /// <param name="argv">Its argument vector.</param>
    /// <param name="environment">Its environment.</param>
    /// <param name="withInput">Whether its stdin is a pipe (<see cref="Input"/>) rather than /dev/null.</param>
    /// <exception cref="JobStartException">The program does not exist, is not executable, or a pipe could not be made.</exception>
    public static ChildProcess Start(string path, NativeStringArray argv, NativeStringArray environment, bool withInput = false)
    {
        var output = stackalloc int[2];
        var error = stackalloc int[2];
        var input = stackalloc int[2] { -1, -1 };
        if (Native.Pipe(output, Native.O_CLOEXEC) != 0)
        {
            throw new JobStartException($"could not make a pipe: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (Native.Pipe(error, Native.O_CLOEXEC) != 0 || (withInput && Native.Pipe(input, Native.O_CLOEXEC) != 0))
        {
            var message = Marshal.GetLastPInvokeErrorMessage();
            foreach (var fd in (ReadOnlySpan<int>)[output[0], output[1], error[0], error[1]])
            {
                Native.Close(fd);
            }

            throw new JobStartException($"could not make a pipe: {message}");
        }

        // A job that writes a lot fills a default 64 KiB pipe sixteen times per MiB, and each time waits for us to
        // read; a 1 MiB pipe (Linux's limit for unprivileged processes) lets it run on. Best effort.
        Native.Fcntl(output[0], Native.F_SETPIPE_SZ, PipeSize);
        Native.Fcntl(error[0], Native.F_SETPIPE_SZ, PipeSize);
        if (withInput)
        {
            Native.Fcntl(input[1], Native.F_SETPIPE_SZ, PipeSize);
        }

        var actions = stackalloc byte[Native.FileActionsSize];
        var attributes = stackalloc byte[Native.AttributesSize];
        var noSignals = stackalloc byte[Native.SignalSetSize];
        var pipeSignal = stackalloc byte[Native.SignalSetSize];
        Native.FileActionsInit(actions);
        Native.AttributesInit(attributes);
        int pid, result;
        try
        {
            if (withInput)
            {
                Native.FileActionsAddDup2(actions, input[0], 0);
            }
            else
            {
                fixed (byte* devNull = DevNull)
                {
                    Native.FileActionsAddOpen(actions, 0, devNull, Native.O_RDONLY, 0);
                }
            }

            Native.FileActionsAddDup2(actions, output[1], 1);
            Native.FileActionsAddDup2(actions, error[1], 2);

            // The runtime ignores SIGPIPE (so a job writing to a closed pipe would not die of it, as jobs expect)
            // and may block signals on this thread: the job starts with neither. Handlers reset themselves on exec.
            Native.SignalSetEmpty(noSignals);
            Native.SignalSetEmpty(pipeSignal);
            Native.SignalSetAdd(pipeSignal, Native.SIGPIPE);
            Native.AttributesSetSignalMask(attributes, noSignals);
            Native.AttributesSetSignalDefault(attributes, pipeSignal);
            Native.AttributesSetProcessGroup(attributes, 0);
            Native.AttributesSetFlags(attributes, Native.POSIX_SPAWN_SETPGROUP | Native.POSIX_SPAWN_SETSIGMASK | Native.POSIX_SPAWN_SETSIGDEF);
            fixed (byte* file = System.Text.Encoding.UTF8.GetBytes(path + "\0"))
            {
                result = Native.PosixSpawn(out pid, file, actions, attributes, argv.Pointers, environment.Pointers);
            }
        }
        finally
        {
            Native.FileActionsDestroy(actions);
            Native.AttributesDestroy(attributes);
            Native.Close(output[1]);
            Native.Close(error[1]);
            if (withInput)
            {
                Native.Close(input[0]);
            }
        }

        if (result != 0)
        {
            Native.Close(output[0]);
            Native.Close(error[0]);
            if (withInput)
            {
                Native.Close(input[1]);
            }

            throw new JobStartException(result switch
            {
                Native.ENOENT => $"'{path}' does not exist",
                Native.EACCES => $"'{path}' is not executable",
                Native.ENOEXEC => $"'{path}' is not a program this system can run",
                _ => $"could not start '{path}': {Marshal.GetPInvokeErrorMessage(result)}",
            });
        }

        return new ChildProcess(pid, ChildReaper.Instance.Track(pid), OpenPipe(output[0]), OpenPipe(error[0]), withInput ? new InputPipe(input[1]) : null);
    }

    /// <summary>Sends <paramref name="signal"/> to every process in the child's group; false when none is left.</summary>
    public bool SignalGroup(int signal) => Native.Kill(-Pid, signal) == 0;

    public void Dispose()
    {
        Output.Dispose();
        Error.Dispose();
    }

    private static AnonymousPipeClientStream OpenPipe(int fd) => new(PipeDirection.In, new SafePipeHandle(fd, ownsHandle: true));
}
