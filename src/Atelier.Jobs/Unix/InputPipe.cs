using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Jobs.Unix;

/// <summary>
/// The write end of a job's stdin pipe. Writes block while the pipe is full: a feeding thread of its own calls them.
/// Closing it is the job's end of input.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class InputPipe : IDisposable
{
    private const int CopySize = 1 << 16;
    private int fd;

    public InputPipe(int fd) => this.fd = fd;

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    /// <returns>False when the job closed its end first (it exited, or stopped reading): the rest is not wanted.</returns>
    /// <exception cref="IOException">The write failed otherwise.</exception>
    public bool Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var written = Native.Write(fd, start + done, (nuint)(data.Length - done));
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }

                var error = Marshal.GetLastPInvokeError();
                if (error == Native.EPIPE)
                {
                    return false;
                }

                if (error != Native.EINTR)
                {
                    throw new IOException($"writing the job's input failed: {Marshal.GetPInvokeErrorMessage(error)}");
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Moves <paramref name="length"/> bytes of <paramref name="file"/> from <paramref name="offset"/> into the pipe
    /// inside the kernel (splice: the data never passes through this process); copies when the file system cannot.
    /// </summary>
    /// <returns>False when the job closed its end first.</returns>
    /// <exception cref="IOException">The file ended early or could not be read.</exception>
    public bool Splice(SafeFileHandle file, long offset, long length)
    {
        var added = false;
        file.DangerousAddRef(ref added);
        try
        {
            var source = (int)file.DangerousGetHandle();
            while (length > 0)
            {
                var moved = Native.Splice(source, &offset, fd, null, (nuint)Math.Min(length, 1 << 30), Native.SPLICE_F_MOVE | Native.SPLICE_F_MORE);
                if (moved > 0)
                {
                    length -= moved;
                    continue;
                }

                if (moved == 0)
                {
                    throw new IOException("the input file ended early: it changed while it was being read");
                }

                var error = Marshal.GetLastPInvokeError();
                switch (error)
                {
                    case Native.EINTR:
                        continue;
                    case Native.EPIPE:
                        return false;
                    case Native.EINVAL or Native.ENOSYS:
                        return Copy(file, offset, length);
                    default:
                        throw new IOException($"reading the input file failed: {Marshal.GetPInvokeErrorMessage(error)}");
                }
            }

            return true;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        var open = Interlocked.Exchange(ref fd, -1);
        if (open >= 0)
        {
            Native.Close(open);
        }
    }

    private bool Copy(SafeFileHandle file, long offset, long length)
    {
        var buffer = new byte[(int)Math.Min(length, CopySize)];
        while (length > 0)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(length, buffer.Length)), offset);
            if (read == 0)
            {
                throw new IOException("the input file ended early: it changed while it was being read");
            }

            if (!Write(buffer.AsSpan(0, read)))
            {
                return false;
            }

            offset += read;
            length -= read;
        }

        return true;
    }
}
