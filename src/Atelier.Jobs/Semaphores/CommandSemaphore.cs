using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Jobs.Semaphores;

/// <summary>
/// A counting semaphore shared by separate processes of one user, as GNU parallel's <c>sem</c>: at most N holders of
/// one name at once. Each of the N places is a file in a per-user folder, held with an exclusive <c>flock</c> (taken
/// here, not through <see cref="FileShare.None"/>, which the tool turns off): a lock dies with the last process that
/// holds it, so a holder that crashes or is killed frees its place, and nothing is left to clean up.
/// </summary>
/// <remarks>Waiting polls every <see cref="PollEvery"/> on the given clock: the kernel has no blocking wait on "any of these N locks".</remarks>
public static class CommandSemaphore
{
    /// <summary>How often a waiter tries the places again.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>The folder of a semaphore's places: under $XDG_RUNTIME_DIR when set, else ~/.atelier/semaphores.</summary>
    /// <exception cref="AtelierException">The name is empty or holds a '/'.</exception>
    public static string FolderOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal) || id is "." or "..")
        {
            throw new AtelierException($"'{id}' is not a semaphore name: it must be a name without '/'.", "CommandSemaphore.Id");
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var root = string.IsNullOrEmpty(runtime)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".atelier", "semaphores")
            : Path.Combine(runtime, "atelier", "semaphores");
        return Path.Combine(root, id);
    }

    /// <summary>Takes one of the <paramref name="slots"/> places of <paramref name="id"/>, waiting while all are held.</summary>
    /// <param name="id">The semaphore's name.</param>
    /// <param name="slots">How many holders it allows at once, as this caller counts them.</param>
    /// <param name="timeout">How long to wait at most; null for as long as it takes.</param>
    /// <param name="time">The clock waits are timed with.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The place held (dispose it to free it), or null when <paramref name="timeout"/> passed first.</returns>
    public static async Task<SemaphorePlace?> TakeAsync(string id, int slots, TimeSpan? timeout, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentNullException.ThrowIfNull(time);
        var folder = FolderOf(id);
        Directory.CreateDirectory(folder);
        var started = time.GetTimestamp();
        while (true)
        {
            for (var place = 1; place <= slots; place++)
            {
                if (TryLock(Path.Combine(folder, $"place-{place}")) is { } held)
                {
                    return new SemaphorePlace(held, place);
                }
            }

            if (timeout is { } most && time.GetElapsedTime(started) >= most)
            {
                return null;
            }

            await Task.Delay(PollEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no place of <paramref name="id"/> is held (GNU parallel's <c>sem --wait</c>).</summary>
    public static async Task WaitAllAsync(string id, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var folder = FolderOf(id);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "place-*").ToList())
        {
            PlaceHandle? held;
            while ((held = TryLock(file)) is null)
            {
                await Task.Delay(PollEvery, time, cancellationToken).ConfigureAwait(false);
            }

            held.Dispose();
        }
    }

    /// <summary>The place's file, locked; null when another process holds it.</summary>
    /// <remarks>
    /// Opened and locked with libc directly: .NET's own file handles take and drop locks of their own (a shared one at
    /// open, an unlock at close), which would free the place for a program it was passed on to.
    /// </remarks>
    /// <exception cref="AtelierException">The file cannot be opened or locked for another reason than that.</exception>
    private static PlaceHandle? TryLock(string path)
    {
        var handle = PlaceHandle.Open(path);
        if (handle.IsInvalid)
        {
            throw new AtelierException($"Cannot open the semaphore's place '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (PlaceHandle.Flock(handle, LockExclusive | LockNonBlocking) == 0)
        {
            return handle;
        }

        var error = Marshal.GetLastPInvokeError();
        handle.Dispose();
        return error == WouldBlock ? null : throw new AtelierException($"Cannot lock the semaphore's place '{path}': {Marshal.GetPInvokeErrorMessage(error)}");
    }

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11;
}

/// <summary>One place of a <see cref="CommandSemaphore"/>, held until disposed (or until the process holding it ends).</summary>
public sealed class SemaphorePlace : IDisposable
{
    private readonly PlaceHandle file;

    internal SemaphorePlace(PlaceHandle file, int number)
    {
        this.file = file;
        Number = number;
    }

    /// <summary>Which place, from 1.</summary>
    public int Number { get; }

    /// <summary>
    /// Lets programs started from now on inherit the lock: the place stays held until the last of this process and
    /// them ends (a command left running in the background holds it on its own).
    /// </summary>
    public void Bequeath()
    {
        if (PlaceHandle.Fcntl(file, 2 /* F_SETFD */, 0) != 0)
        {
            throw new IOException($"could not pass the semaphore's lock on: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Frees the place (for this process: programs it was passed on to still hold it).</summary>
    public void Dispose() => file.Dispose();
}

/// <summary>A file descriptor opened and closed with libc: no lock taken or dropped behind the semaphore's back.</summary>
internal sealed partial class PlaceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;

    public PlaceHandle()
        : base(ownsHandle: true)
    {
    }

    public static PlaceHandle Open(string path) => OpenFile(path, ReadWrite | Create | CloseOnExec, 0x1B6 /* 0666 */);

    protected override bool ReleaseHandle() => Close((int)handle) == 0;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial PlaceHandle OpenFile(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(PlaceHandle fd, int operation);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(PlaceHandle fd, int command, int argument);
}
