using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;

namespace Atelier.Fetch.Transfer;

/// <summary>
/// Which ranges of a file split over several connections are written, which are being fetched, and which are left;
/// the unit a connection claims is a <see cref="Segment"/>. A connection that frees up takes a segment nobody owns, or
/// else splits the one with the most left in two (aria2's behaviour) when both halves would be at least the minimum.
/// </summary>
/// <remarks>
/// The plan is saved beside the <c>.part</c> file (<see cref="Save"/>) as the ranges still missing, so that a run that
/// stopped part-way resumes every segment. Thread-safe.
/// </remarks>
internal sealed class SegmentPlan
{
    private const string Header = "atelier-segments 1";
    private readonly Lock gate = new();
    private readonly List<Segment> segments;
    private readonly List<Seam> seams = [];
    private long done;

    private SegmentPlan(long length, RangeConditionHeaderValue? validator, List<Segment> segments, long done)
    {
        Length = length;
        Validator = validator;
        this.segments = segments;
        this.done = done;
    }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>What identified the body when the plan began: a resumed plan asks for its ranges only if it still does.</summary>
    public RangeConditionHeaderValue? Validator { get; }

    /// <summary>Bytes written so far.</summary>
    public long Done
    {
        get
        {
            lock (gate)
            {
                return done;
            }
        }
    }

    public bool Complete => Done == Length;

    /// <summary>How many connections have been given a segment at once, at most.</summary>
    public int MostOwned { get; private set; }

    /// <summary>A plan for a whole file, its one segment owned by the connection that asked for it from the start.</summary>
    public static SegmentPlan Start(long length, RangeConditionHeaderValue? validator, out Segment first)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        first = new Segment(0, length) { Owned = true };
        return new SegmentPlan(length, validator, [first], 0) { MostOwned = 1 };
    }

    /// <summary>
    /// A segment for a connection that is free: one nobody owns, else the second half of the owned segment with the
    /// most left, if each half is at least <paramref name="minimum"/> bytes; null when there is nothing to take.
    /// </summary>
    public Segment? Claim(long minimum)
    {
        lock (gate)
        {
            var claimed = Unowned() ?? Split(minimum);
            if (claimed is not null)
            {
                claimed.Owned = true;
                MostOwned = Math.Max(MostOwned, segments.Count(s => s.Owned));
            }

            return claimed;
        }
    }

    /// <summary>Takes up to <paramref name="count"/> bytes of the segment to write next; returns the offset and how many.</summary>
    public (long Offset, int Count) Take(Segment segment, int count)
    {
        lock (gate)
        {
            var offset = segment.Next;
            var taken = (int)Math.Min(count, segment.End - offset);
            segment.Next += taken;
            return (offset, taken);
        }
    }

    /// <summary>Records that bytes taken with <see cref="Take"/> are on disk; returns whether the segment is complete.</summary>
    public bool Wrote(Segment segment, int count)
    {
        lock (gate)
        {
            segment.Written += count;
            done += count;
            return segment.Written >= segment.End;
        }
    }

    /// <summary>The segment's connection stops: what it wrote stays, the rest is free for another.</summary>
    public void Release(Segment segment)
    {
        lock (gate)
        {
            segment.Next = segment.Written;
            segment.Owned = false;
        }
    }

    /// <summary>Whether the segment has bytes left to fetch (another connection may have taken its end).</summary>
    public bool HasLeft(Segment segment)
    {
        lock (gate)
        {
            return segment.Next < segment.End;
        }
    }

    /// <summary>The last byte (inclusive) the segment's connection should ask for.</summary>
    public long LastByte(Segment segment)
    {
        lock (gate)
        {
            return segment.End - 1;
        }
    }

    /// <summary>
    /// Checks a range's seam against the file now if the bytes it covers are written, or else keeps it for
    /// <see cref="CheckSeams"/> once they are.
    /// </summary>
    /// <exception cref="UntrustedAnswerException">The seam differs from the bytes written there (nothing of its answer was written yet).</exception>
    public void Check(Seam seam, SafeFileHandle file)
    {
        lock (gate)
        {
            if (!IsWritten(seam.Offset, seam.Offset + seam.Length))
            {
                seams.Add(seam);
                return;
            }
        }

        if (!seam.Matches(file))
        {
            throw seam.Mismatch(spoiled: false);
        }
    }

    /// <summary>Checks the seams kept until the bytes they cover were written: for a complete file, all of them.</summary>
    /// <exception cref="UntrustedAnswerException">Two answers disagree on the same bytes: which one lied cannot be told.</exception>
    public void CheckSeams(SafeFileHandle file)
    {
        List<Seam> due;
        lock (gate)
        {
            due = [.. seams.Where(s => IsWritten(s.Offset, s.Offset + s.Length))];
            seams.RemoveAll(due.Contains);
        }

        if (due.FirstOrDefault(seam => !seam.Matches(file)) is { } mismatch)
        {
            throw mismatch.Mismatch(spoiled: true);
        }
    }

    /// <summary>Writes the plan: the length, the validator, and one line per range not yet written.</summary>
    public void Save(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        List<(long From, long To)> missing;
        lock (gate)
        {
            missing = [.. segments.Where(s => s.Written < s.End).Select(s => (s.Written, s.End))];
        }

        writer.WriteLine(Header);
        writer.WriteLine(FormattableString.Invariant($"length\t{Length}"));
        if (Validator is not null)
        {
            writer.WriteLine($"validator\t{Validator}");
        }

        foreach (var (from, to) in missing)
        {
            writer.WriteLine(FormattableString.Invariant($"missing\t{from}\t{to}"));
        }
    }

    /// <summary>Reads a saved plan, every range in it free to claim; null if the text is not a plan.</summary>
    public static SegmentPlan? Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadLine() != Header)
        {
            return null;
        }

        long? length = null;
        RangeConditionHeaderValue? validator = null;
        var missing = new List<Segment>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "length" when fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value):
                    length = value;
                    break;
                case "validator" when fields.Length == 2 && RangeConditionHeaderValue.TryParse(fields[1], out var parsed):
                    validator = parsed;
                    break;
                case "missing" when fields.Length == 3
                    && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                    && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                    && from < to:
                    missing.Add(new Segment(from, to));
                    break;
                default:
                    return null;
            }
        }

        if (length is not { } total || missing.Any(s => s.End > total) || Overlap(missing))
        {
            return null;
        }

        return new SegmentPlan(total, validator, missing, total - missing.Sum(s => s.End - s.Start));
    }

    private static bool Overlap(List<Segment> ranges)
    {
        var sorted = ranges.OrderBy(s => s.Start).ToList();
        return sorted.Zip(sorted.Skip(1)).Any(pair => pair.First.End > pair.Second.Start);
    }

    /// <summary>Whether every byte from <paramref name="from"/> to before <paramref name="to"/> is on disk. Under the lock.</summary>
    private bool IsWritten(long from, long to) => !segments.Any(s => s.Written < to && from < s.End);

    private Segment? Unowned() => segments.FirstOrDefault(s => !s.Owned && s.Written < s.End);

    private Segment? Split(long minimum)
    {
        var largest = segments.Where(s => s.Owned).MaxBy(s => s.End - s.Next);
        if (largest is null || largest.End - largest.Next < 2 * minimum)
        {
            return null;
        }

        var middle = largest.Next + ((largest.End - largest.Next) / 2);
        var second = new Segment(middle, largest.End);
        largest.End = middle;
        segments.Add(second);
        return second;
    }

    /// <summary>A range of the file one connection fetches. Its fields are the plan's to change, under its lock.</summary>
    internal sealed class Segment(long start, long end)
    {
        public long Start { get; } = start;

        /// <summary>The next byte to take for writing.</summary>
        public long Next { get; set; } = start;

        /// <summary>The first byte not yet on disk.</summary>
        public long Written { get; set; } = start;

        /// <summary>One past the segment's last byte; moves down when another connection takes its second half.</summary>
        public long End { get; set; } = end;

        public bool Owned { get; set; }
    }
}
