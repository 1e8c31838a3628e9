using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Atelier.Fetch.Naming;

/// <summary>
/// What the server said of each file the last time (<c>--newer</c>): its name in the output folder, its ETag and its
/// Last-Modified, kept in <c>.atelier-validators.tsv</c> in that folder (one line per URL, secrets redacted), so that
/// the next run asks for the body only if it changed.
/// </summary>
/// <remarks>Read once when the downloader starts; written whole to a <c>.part</c> and renamed when a batch ends. Thread-safe.</remarks>
internal sealed class Validators
{
    public const string FileName = ".atelier-validators.tsv";

    private readonly ConcurrentDictionary<string, Entry> entries;
    private readonly string path;
    private int changed;

    private Validators(string path, int capacity)
    {
        this.path = path;
        entries = new(concurrencyLevel: -1, capacity, StringComparer.Ordinal);
    }

    public static Validators Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new Validators(path, 0);
        }

        // Sized for the lines the file can hold (each at least 64 bytes): growing the table was a third of the load.
        var validators = new Validators(path, (int)Math.Min(info.Length / 64, 1 << 24));

        // Spans, not Split: a nightly list of a million URLs is read before the first request goes out.
        foreach (var line in File.ReadLines(validators.path))
        {
            if (Parse(line) is var (url, entry))
            {
                validators.entries[url] = entry;
            }
        }

        return validators;
    }

    /// <summary>One manifest line: URL, name, ETag (may be empty), Last-Modified in RFC 1123 form (may be empty).</summary>
    private static (string Url, Entry Entry)? Parse(string line)
    {
        var rest = line.AsSpan();
        Span<Range> fields = stackalloc Range[5];
        if (rest.Split(fields, '\t') != 4 || rest[fields[1]].IsEmpty)
        {
            return null;
        }

        var etag = rest[fields[2]];
        DateTimeOffset? modified = DateTimeOffset.TryParseExact(rest[fields[3]], "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
        return (line[fields[0]], new Entry(line[fields[1]], etag.IsEmpty ? null : etag.ToString(), modified));
    }

    /// <summary>What was kept for <paramref name="url"/>, when its file is still there.</summary>
    public Entry? For(string url, string directory) =>
        entries.TryGetValue(url, out var entry) && File.Exists(Path.Combine(directory, entry.Name)) ? entry : null;

    public void Keep(string url, Entry entry)
    {
        entries[url] = entry;
        Interlocked.Exchange(ref changed, 1);
    }

    /// <summary>Writes the manifest when something changed: beside it first, then renamed over it.</summary>
    public void Save()
    {
        if (Interlocked.Exchange(ref changed, 0) == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var (url, entry) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(url).Append('\t').Append(entry.Name).Append('\t').Append(entry.ETag).Append('\t')
                .Append(entry.LastModified?.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path + ".part", text.ToString());
        File.Move(path + ".part", path, overwrite: true);
    }

    /// <param name="Name">The file's name in the output folder.</param>
    /// <param name="ETag">The server's strong or weak ETag, as sent; null when it sent none.</param>
    /// <param name="LastModified">The server's Last-Modified; null when it sent none.</param>
    internal sealed record Entry(string Name, string? ETag, DateTimeOffset? LastModified);
}
