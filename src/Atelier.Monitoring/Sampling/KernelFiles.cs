using System.Runtime.InteropServices;
using System.Text;

namespace Atelier.Monitoring.Sampling;

/// <summary>
/// Small kernel files (/proc, /sys/fs/cgroup) read whole into a caller's buffer with open, read and close themselves.
/// For a few hundred files a second, .NET's file handles (a SafeFileHandle, an fstat and a string per open) cost
/// several times the reads; where the C library cannot be loaded by the name "libc", they do the same, slower.
/// </summary>
internal static partial class KernelFiles
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;
    private static bool noLibc;

    /// <summary>Reads the file at <paramref name="path"/> (UTF-8, ending with a NUL) into <paramref name="buffer"/>; false when it is gone or unreadable.</summary>
    public static bool TryRead(ReadOnlySpan<byte> path, byte[] buffer, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (!noLibc)
        {
            try
            {
                var descriptor = Open(in path[0], ReadOnly | CloseOnExec);
                if (descriptor < 0)
                {
                    return false;
                }

                try
                {
                    var read = Read(descriptor, ref buffer[0], buffer.Length);
                    if (read < 0)
                    {
                        return false;
                    }

                    text = buffer.AsSpan(0, (int)read);
                    return true;
                }
                finally
                {
                    Close(descriptor);
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                noLibc = true;
            }
        }

        try
        {
            using var handle = File.OpenHandle(Encoding.UTF8.GetString(path[..path.IndexOf((byte)0)]), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            text = buffer.AsSpan(0, RandomAccess.Read(handle, buffer, 0));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A path as <see cref="TryRead"/> takes it: UTF-8 with a NUL at the end.</summary>
    public static byte[] PathOf(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = false)]
    private static partial int Open(in byte path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = false)]
    private static partial nint Read(int descriptor, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = false)]
    private static partial int Close(int descriptor);
}
