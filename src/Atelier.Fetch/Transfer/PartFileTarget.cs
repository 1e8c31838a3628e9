using Atelier.Work;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Fetch.Transfer;

/// <summary>A body over one connection into the <c>.part</c> file, in order, after the seam (when resuming) is checked.</summary>
internal sealed class PartFileTarget(SafeFileHandle file, TransferState state, Seam? seam) : IBodyTarget
{
    public bool Write(ReadOnlySpan<byte> bytes)
    {
        if (seam is { Complete: false })
        {
            bytes = seam.Take(bytes);
            if (seam.Complete && !seam.Matches(file))
            {
                // Nothing of this answer is written yet.
                throw seam.Mismatch(spoiled: false);
            }
        }

        if (!bytes.IsEmpty)
        {
            var offset = state.Written;
            try
            {
                // A plain write: on Linux, "async" file writes are this same write queued to the thread pool, and a
                // thread hop per chunk costs more than the write into the page cache.
                RandomAccess.Write(file, bytes, offset);
            }
            catch (IOException e)
            {
                throw new LocalFileException(state.PartPath!, e);
            }

            state.Wrote(offset, bytes);
        }

        return state.Length is not { } length || state.Written < length;
    }
}
