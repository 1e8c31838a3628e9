using Atelier.Work;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// A range's body into its place in the <c>.part</c> file, until the body ends or the range does (another connection
/// may have taken its second half meanwhile). The seam before the range is checked against the file when what lies
/// there is written, and otherwise kept by the plan to be checked once it is.
/// </summary>
internal sealed class SegmentTarget(SafeFileHandle file, SegmentPlan plan, SegmentPlan.Segment segment, Source source, string path, Seam? seam) : IBodyTarget
{
    public bool Write(ReadOnlySpan<byte> bytes)
    {
        if (seam is { Complete: false })
        {
            bytes = seam.Take(bytes);
            if (seam.Complete)
            {
                plan.Check(seam, file);
            }
        }

        if (bytes.IsEmpty)
        {
            return plan.HasLeft(segment);
        }

        var (offset, taken) = plan.Take(segment, bytes.Length);
        try
        {
            RandomAccess.Write(file, bytes[..taken], offset);
        }
        catch (IOException e)
        {
            plan.Release(segment);
            throw new LocalFileException(path, e);
        }

        var complete = plan.Wrote(segment, taken);
        source.Served(taken);
        return !complete && taken == bytes.Length;
    }
}
