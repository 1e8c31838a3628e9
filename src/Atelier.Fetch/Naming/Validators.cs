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

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly string path;
    private int changed;

    private Validators(string path) => this.path = path;

    public static Validators Load(string directory)
    {
        var validators = new Validators(Path.Combine(directory, FileName));
        if (!File.Exists(validators.path))
        {
            return validators;
        }

        foreach (var line in File.ReadLines(validators.path))
        {
            var fields = line.Split('\t');
            if (fields.Length == 4 && fields[1].Length > 0)
            {
                validators.entries[fields[0]] = new Entry(
                    fields[1],
                    fields[2].Length > 0 ? fields[2] : null,
                    DateTimeOffset.TryParse(fields[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified) ? modified : null);
            }
        }

        return validators;
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
