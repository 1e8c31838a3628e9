using System.Collections.Concurrent;
using System.Text.Json;

namespace Atelier.Imaging.Incremental;

/// <summary>
/// What made each output of one output folder: a small JSON file, <c>.atelier-resize.json</c>, mapping file names to the
/// fingerprint of the options that made them. An output is up to date when it is newer than its input and its
/// fingerprint matches.
/// </summary>
internal sealed class Manifest
{
    public const string FileName = ".atelier-resize.json";
    private readonly ConcurrentDictionary<string, string> entries;
    private readonly string path;
    private int changed;

    private Manifest(string folder, Dictionary<string, string> entries)
    {
        path = Path.Combine(folder, FileName);
        this.entries = new ConcurrentDictionary<string, string>(entries, StringComparer.Ordinal);
    }

    public static Manifest Load(string folder)
    {
        var file = Path.Combine(folder, FileName);
        try
        {
            using var stream = File.OpenRead(file);
            return new Manifest(folder, JsonSerializer.Deserialize(stream, ImagingJsonContext.Default.DictionaryStringString) ?? []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // No manifest (or a damaged one): nothing is known to be up to date.
            return new Manifest(folder, []);
        }
    }

    public bool IsUpToDate(string output, string input, string fingerprint) =>
        entries.TryGetValue(Path.GetFileName(output), out var made) && made == fingerprint
        && File.Exists(output) && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(input);

    public void Record(string output, string fingerprint)
    {
        entries[Path.GetFileName(output)] = fingerprint;
        Volatile.Write(ref changed, 1);
    }

    /// <summary>Writes the manifest if it changed: to a temporary name, then renamed over the old one.</summary>
    public void Save()
    {
        if (Volatile.Read(ref changed) == 0)
        {
            return;
        }

        var temporary = path + ".part";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, new Dictionary<string, string>(entries.OrderBy(e => e.Key, StringComparer.Ordinal)), ImagingJsonContext.Default.DictionaryStringString);
        }

        File.Move(temporary, path, overwrite: true);
        Volatile.Write(ref changed, 0);
    }
}
