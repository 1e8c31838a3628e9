using System.Collections.Concurrent;
using System.Text.Json;
using Atelier.Imaging.Placeholders;

namespace Atelier.Imaging.Reporting;

/// <summary>One output as the manifest lists it; its path relative to the manifest's folder.</summary>
internal sealed record ManifestOutput(string Path, string Format, int Width, int Height, long Bytes, int? Quality, double? MsSsim);

/// <summary>One source image as the manifest lists it: its size upright, its outputs, and its placeholder.</summary>
internal sealed record ManifestImage(string Source, int Width, int Height, long Bytes, IReadOnlyList<ManifestOutput> Outputs)
{
    public string? Placeholder { get; init; }

    public string? AverageColour { get; init; }
}

/// <summary>The manifest file: every source image once, in order of its path.</summary>
internal sealed record ManifestFile(IReadOnlyList<ManifestImage> Images);

/// <summary>
/// <c>--manifest FILE.json</c>: for every source image, its outputs (for <c>srcset</c> and <c>&lt;picture&gt;</c>), its size,
/// and with a placeholder kind its placeholder and average colour. Merged with the manifest already there: images of
/// this run replace their entries, skipped ones keep theirs, sources gone drop theirs. Ordered by path, so it diffs
/// well; written beside and renamed.
/// </summary>
internal sealed class ImageManifest
{
    private readonly string path;
    private readonly string folder;
    private readonly PlaceholderKind placeholder;
    private static readonly ImagingJsonContext Indented = new(new JsonSerializerOptions(ImagingJsonContext.Default.Options) { WriteIndented = true });
    private readonly ConcurrentDictionary<string, ManifestImage> images = new(StringComparer.Ordinal);

    private ImageManifest(string path, PlaceholderKind placeholder)
    {
        this.path = Path.GetFullPath(path);
        folder = Path.GetDirectoryName(this.path)!;
        this.placeholder = placeholder;
    }

    /// <summary>Reads the manifest at <paramref name="path"/>, if there is one, before anything is resized.</summary>
    /// <exception cref="AtelierException">Its folder does not exist, or the file is not a manifest (nothing is overwritten).</exception>
    public static ImageManifest Open(string path, PlaceholderKind placeholder)
    {
        var manifest = new ImageManifest(path, placeholder);
        if (!Directory.Exists(manifest.folder))
        {
            throw new AtelierException($"The folder of '{path}' does not exist.", "ResizeOptions.ManifestPath");
        }

        if (File.Exists(manifest.path))
        {
            try
            {
                using var stream = File.OpenRead(manifest.path);
                foreach (var image in JsonSerializer.Deserialize(stream, ImagingJsonContext.Default.ManifestFile)?.Images ?? [])
                {
                    manifest.images[image.Source] = image;
                }
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new AtelierException($"'{path}' is not a manifest this can merge with ({e.Message.Split('\n')[0]}); it is left as it is.", "ResizeOptions.ManifestPath");
            }
        }

        return manifest;
    }

    /// <summary>
    /// Records a source and its outputs: an image resized (with its upright size and placeholder, made while its pixels
    /// were in memory), or one skipped as up to date without an entry yet (read back from its files).
    /// </summary>
    public void Record(string source, IReadOnlyList<ResizedOutput> outputs, BoxSize? upright = null, Placeholder? made = null)
    {
        var key = Relative(source);
        if (outputs.Count == 0)
        {
            return;
        }

        var (width, height) = upright is { } size ? (size.Width, size.Height) : Upright(source);
        var listed = outputs
            .Select(o => new ManifestOutput(Relative(o.Path), Extension(o.Path), o.Width, o.Height, o.Bytes, o.Quality, o.Score is { } s ? Math.Round(s, 4) : null))
            .OrderBy(o => o.Format, StringComparer.Ordinal).ThenBy(o => o.Width).ThenBy(o => o.Path, StringComparer.Ordinal)
            .ToList();
        var entry = new ManifestImage(key, width, height, new FileInfo(source).Length, listed);
        if (placeholder != PlaceholderKind.None)
        {
            // Without one made in memory: from the smallest output, the same picture already small.
            if (made is null)
            {
                using var smallest = NetVips.Image.NewFromFile(outputs.MinBy(o => (long)o.Width * o.Height)!.Path);
                made = Placeholder.Of(smallest, placeholder);
            }

            entry = entry with { Placeholder = made.Hash, AverageColour = made.AverageColour };
        }

        images[key] = entry;
    }

    private static (int Width, int Height) Upright(string source)
    {
        using var header = NetVips.Image.NewFromFile(source);
        var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        return orientation is >= 5 and <= 8 ? (header.Height, header.Width) : (header.Width, header.Height);
    }

    /// <summary>Whether a skipped source already has an entry (it then keeps it).</summary>
    public bool Has(string source) => images.ContainsKey(Relative(source));

    /// <summary>Writes the manifest, without the sources that are gone: to a temporary name, then renamed over.</summary>
    public void Save()
    {
        var kept = images.Values
            .Where(image => File.Exists(Path.Combine(folder, image.Source)))
            .OrderBy(image => image.Source, StringComparer.Ordinal)
            .ToList();
        var temporary = path + ".part";
        using (var stream = File.Create(temporary))
        {
            // Indented, one field a line: a manifest kept in a repository diffs by the images that changed.
            JsonSerializer.Serialize(stream, new ManifestFile(kept), Indented.ManifestFile);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string Relative(string file) => Path.GetRelativePath(folder, Path.GetFullPath(file)).Replace('\\', '/');

    private static string Extension(string file) => Path.GetExtension(file).TrimStart('.').ToLowerInvariant() switch
    {
        "jpg" or "jpeg" => "jpeg",
        var other => other,
    };
}
