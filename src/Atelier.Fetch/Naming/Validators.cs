using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Atelier.Fetch.Naming;

/// <summary>
/// What the server said of each file the last time (<c>--newer</c>): its name in the output folder, its ETag and its
/// Last-Modified, kept in <c>.atelier-validators.tsv</c> in that folder (one UTF-8 line per URL, sorted by its bytes,
/// secrets redacted), so that the next run asks for the body only if it changed.
/// </summary>
/// <remarks>
/// <para>The saved manifest is kept as read, the file's bytes with the start of each line in URL order; a URL's entry is
/// found by binary search and parsed when a request asks for it. Turning every line into strings and objects up front
/// took 33 ms of an empty run over 10,000 lines (most of it the first touch of fresh memory) before the first request
/// could go; the bytes and their line index take 8.</para>
/// <para>Written whole to a <c>.part</c> and renamed when a batch ends: the lines read merged with what this downloader
/// kept. Thread-safe.</para>
/// </remarks>
internal sealed class Validators
{
    public const string FileName = ".atelier-validators.tsv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string path;
    private readonly byte[] saved;
    private readonly int[] lines;
    private readonly ConcurrentDictionary<string, Entry> kept = new(StringComparer.Ordinal);
    private int changed;

    private Validators(string path, byte[] saved, int[] lines)
    {
        this.path = path;
        this.saved = saved;
        this.lines = lines;
    }

    public static Validators Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return new Validators(path, [], []);
        }

        var saved = File.ReadAllBytes(path);
        var starts = new List<int>(saved.Length / 64 + 1);
        var sorted = true;
        for (var start = 0; start < saved.Length;)
        {
            var end = saved.AsSpan(start).IndexOf((byte)'\n') is var length and >= 0 ? start + length : saved.Length;
            if (end > start)
            {
                sorted = sorted && (starts.Count == 0 || UrlAt(saved, starts[^1]).SequenceCompareTo(UrlAt(saved, start)) <= 0);
                starts.Add(start);
            }

            start = end + 1;
        }

        var lines = starts.ToArray();
        if (!sorted)
        {
            // Written by hand, or by something else: sorted here once, a later line of the same URL after an earlier one.
            Array.Sort(lines, (a, b) => UrlAt(saved, a).SequenceCompareTo(UrlAt(saved, b)) is var order and not 0 ? order : a.CompareTo(b));
        }

        return new Validators(path, saved, lines);
    }

    /// <summary>What was kept for <paramref name="url"/>, when its file is still there.</summary>
    public Entry? For(string url, string directory) =>
        (kept.TryGetValue(url, out var entry) ? entry : Saved(url)) is { } found && File.Exists(Path.Combine(directory, found.Name)) ? found : null;

    public void Keep(string url, Entry entry)
    {
        kept[url] = entry;
        Interlocked.Exchange(ref changed, 1);
    }

    /// <summary>Writes the manifest when something changed: beside it first, then renamed over it.</summary>
    public void Save()
    {
        if (Interlocked.Exchange(ref changed, 0) == 0)
        {
            return;
        }

        var updates = kept.Select(pair => (Url: Utf8.GetBytes(pair.Key), Entry: pair.Value)).ToArray();
        Array.Sort(updates, (a, b) => a.Url.AsSpan().SequenceCompareTo(b.Url));
        using (var file = new FileStream(path + ".part", FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
        {
            // A merge of two sorted lists: the lines read (the last of each URL, readable ones only) and the kept ones.
            var next = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                var url = UrlAt(saved, lines[i]);
                if (i + 1 < lines.Length && url.SequenceEqual(UrlAt(saved, lines[i + 1])))
                {
                    continue;
                }

                while (next < updates.Length && url.SequenceCompareTo(updates[next].Url) > 0)
                {
                    Write(file, updates[next].Url, updates[next++].Entry);
                }

                if (next < updates.Length && url.SequenceEqual(updates[next].Url))
                {
                    continue;
                }

                var line = Line(saved, lines[i]);
                if (Parse(line) is not null)
                {
                    file.Write(line);
                    file.WriteByte((byte)'\n');
                }
            }

            while (next < updates.Length)
            {
                Write(file, updates[next].Url, updates[next++].Entry);
            }
        }

        File.Move(path + ".part", path, overwrite: true);
    }

    private static ReadOnlySpan<byte> UrlAt(byte[] text, int start)
    {
        var line = Line(text, start);
        var tab = line.IndexOf((byte)'\t');
        return tab < 0 ? line : line[..tab];
    }

    private static ReadOnlySpan<byte> Line(byte[] text, int start)
    {
        var line = text.AsSpan(start);
        var end = line.IndexOf((byte)'\n');
        line = end < 0 ? line : line[..end];
        return line.EndsWith((byte)'\r') ? line[..^1] : line;
    }

    /// <summary>One manifest line: URL, name, ETag (may be empty), Last-Modified in RFC 1123 form (may be empty).</summary>
    private static Entry? Parse(ReadOnlySpan<byte> line)
    {
        Span<Range> fields = stackalloc Range[4];
        var count = 0;
        foreach (var field in line.Split((byte)'\t'))
        {
            if (count == fields.Length)
            {
                return null;
            }

            fields[count++] = field;
        }

        if (count != 4 || line[fields[1]].IsEmpty)
        {
            return null;
        }

        var etag = line[fields[2]];
        var date = line[fields[3]];
        DateTimeOffset? modified = Utf8Parser.TryParse(date, out DateTimeOffset time, out var used, 'R') && used == date.Length ? time : null;
        return new Entry(Utf8.GetString(line[fields[1]]), etag.IsEmpty ? null : Utf8.GetString(etag), modified);
    }

    private static void Write(Stream file, ReadOnlySpan<byte> url, Entry entry)
    {
        var text = $"\t{entry.Name}\t{entry.ETag}\t{entry.LastModified?.ToString("R", CultureInfo.InvariantCulture)}\n";
        var bytes = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(text.Length));
        file.Write(url);
        file.Write(bytes, 0, Utf8.GetBytes(text, bytes));
        ArrayPool<byte>.Shared.Return(bytes);
    }

    /// <summary>The saved entry of <paramref name="url"/>: the last line with it, by binary search.</summary>
    private Entry? Saved(string url)
    {
        if (lines.Length == 0)
        {
            return null;
        }

        var rented = url.Length <= 512 ? null : ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(url.Length));
        Span<byte> buffer = rented ?? stackalloc byte[1536];
        var key = buffer[..Utf8.GetBytes(url, buffer)];
        int low = 0, high = lines.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (UrlAt(saved, lines[middle]).SequenceCompareTo(key) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var found = low > 0 && UrlAt(saved, lines[low - 1]).SequenceEqual(key) ? Parse(Line(saved, lines[low - 1])) : null;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return found;
    }

    /// <param name="Name">The file's path in the output folder (a name, or HOST/PATH for a crawl's files).</param>
    /// <param name="ETag">The server's strong or weak ETag, as sent; null when it sent none.</param>
    /// <param name="LastModified">The server's Last-Modified; null when it sent none.</param>
    internal sealed record Entry(string Name, string? ETag, DateTimeOffset? LastModified);
}
