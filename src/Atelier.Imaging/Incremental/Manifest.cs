using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Atelier.Imaging.Processing;

namespace Atelier.Imaging.Incremental;

/// <summary>
/// What made each output of one output folder: a small JSON file, <c>.atelier-resize.json</c>, listing for each input's
/// file name, size and format asked for, the output made and the fingerprint of the options. Outputs are found by what
/// made them, not by name, because a name may carry the output's own width and height, known only once it is made. An
/// output is up to date when it is there, newer than its input, and its fingerprint matches.
/// </summary>
internal sealed class Manifest
{
    public const string FileName = ".atelier-resize.json";
    private readonly ConcurrentDictionary<(string Source, string Size, string Format), ManifestEntry> entries = new();
    private readonly string folder;
    private int changed;

    private Manifest(string folder, IEnumerable<ManifestEntry> entries)
    {
        this.folder = folder;
        foreach (var entry in entries)
        {
            this.entries[entry.Key] = entry;
        }
    }

    public static Manifest Load(string folder)
    {
        try
        {
            using var stream = File.OpenRead(Path.Combine(folder, FileName));
            return new Manifest(folder, JsonSerializer.Deserialize(stream, ImagingJsonContext.Default.ListManifestEntry) ?? []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // No manifest, a damaged one, or one of an older version: nothing is known to be up to date.
            return new Manifest(folder, []);
        }
    }

    /// <summary>The output an earlier run made for <paramref name="planned"/> when it is still up to date; null otherwise.</summary>
    public string? UpToDate(PlannedOutput planned, string fingerprint)
    {
        if (!entries.TryGetValue(ManifestEntry.KeyOf(planned), out var entry) || entry.Fingerprint != fingerprint)
        {
            return null;
        }

        var output = Path.Combine(folder, entry.Output);
        return File.Exists(output) && File.GetLastWriteTimeUtc(output) >= File.GetLastWriteTimeUtc(planned.Input) ? output : null;
    }

    public void Record(PlannedOutput planned, string output, string fingerprint)
    {
        var (source, size, format) = ManifestEntry.KeyOf(planned);
        var entry = new ManifestEntry(source, size, format, Path.GetFileName(output), fingerprint);
        entries[entry.Key] = entry;
        Volatile.Write(ref changed, 1);
    }

    /// <summary>Writes the manifest if it changed, in a stable order: to a temporary name, then renamed over the old one.</summary>
    public void Save()
    {
        if (Volatile.Read(ref changed) == 0)
        {
            return;
        }

        var path = Path.Combine(folder, FileName);
        var temporary = path + ".part";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, [.. entries.Values.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Size, StringComparer.Ordinal).ThenBy(e => e.Format, StringComparer.Ordinal)], ImagingJsonContext.Default.ListManifestEntry);
        }

        File.Move(temporary, path, overwrite: true);
        Volatile.Write(ref changed, 0);
    }
}

/// <summary>What made one output: its input's file name, the size and format asked for, and the options' fingerprint.</summary>
internal sealed record ManifestEntry(string Source, string Size, string Format, string Output, string Fingerprint)
{
    [JsonIgnore]
    public (string Source, string Size, string Format) Key => (Source, Size, Format);

    public static (string Source, string Size, string Format) KeyOf(PlannedOutput planned) =>
        (Path.GetFileName(planned.Input), planned.Box.ToString(), planned.Format.ToString().ToLowerInvariant());
}
