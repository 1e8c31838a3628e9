using Microsoft.Win32.SafeHandles;

namespace Atelier.Proc;

/// <summary>A /proc (or /sys) file kept open and read again from the start into one reused buffer: one syscall a read.</summary>
/// <remarks>Not thread-safe: one reader at a time, and a read's span is valid only until the next read.</remarks>
public sealed class ProcFile : IDisposable
{
    private readonly SafeFileHandle handle;
    private byte[] buffer = new byte[4096];

    /// <summary>Opens the file.</summary>
    /// <exception cref="IOException">It cannot be opened.</exception>
    public ProcFile(string path) => handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>The file's current contents; valid until the next read.</summary>
    public ReadOnlySpan<byte> Read()
    {
        while (true)
        {
            var length = RandomAccess.Read(handle, buffer, 0);
            if (length < buffer.Length)
            {
                return buffer.AsSpan(0, length);
            }

            // Filled to the brim: it may be longer. Grow once and read again (rare: many cores or disks).
            buffer = new byte[buffer.Length * 2];
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => handle.Dispose();
}
