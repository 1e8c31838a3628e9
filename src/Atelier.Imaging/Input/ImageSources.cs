using Atelier.Imaging.Incremental;

namespace Atelier.Imaging.Input;

/// <summary>
/// The images among the inputs: files as given, and the image files of folders (with their subfolders when
/// recursing, mirrored under the output folder). Found lazily, folder by folder, in name order.
/// </summary>
internal static class ImageSources
{
    public const string DefaultOutputFolderName = "resized";

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif", ".heic", ".heif",
    };

    /// <summary>Checks every input before anything starts: each must exist, folders must be readable.</summary>
    /// <exception cref="AtelierException">An input is missing or unreadable, or the output would be an input folder.</exception>
    public static void Check(IReadOnlyList<string> inputs, ResizeOptions options)
    {
        if (inputs.Count == 0)
        {
            throw new AtelierException("Give the images or folders to resize.");
        }

        if (options.OutputDirectory is { } outputFolder && File.Exists(outputFolder))
        {
            throw new AtelierException($"The output folder '{outputFolder}' is a file; name a folder with -o.");
        }

        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                try
                {
                    using var entries = Directory.EnumerateFileSystemEntries(input).GetEnumerator();
                    entries.MoveNext();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new AtelierException($"Cannot read the folder '{input}': {e.Message}");
                }

                if (options.OutputDirectory is { } output && SamePath(output, input))
                {
                    throw new AtelierException($"The output folder '{output}' is the input folder itself; choose another with -o.");
                }
            }
            else if (!File.Exists(input))
            {
                throw new AtelierException($"'{input}' is neither a file nor a folder.");
            }
        }

        // Where the outputs go, tried before the first image: -o, or each input's own resized/ folder.
        var outputs = options.OutputDirectory is { } chosen ? [chosen]
            : inputs.Select(input => Path.Combine(Directory.Exists(input) ? input : Path.GetDirectoryName(Path.GetFullPath(input))!, DefaultOutputFolderName)).Distinct(StringComparer.Ordinal);
        foreach (var folder in outputs)
        {
            OutputFolder.Prepare(folder);
        }
    }

    /// <param name="inputs">The files and folders given.</param>
    /// <param name="options">Where outputs go, and whether to recurse.</param>
    /// <param name="leftOut">Told of each subfolder left out because it holds an earlier run's outputs (its manifest).</param>
    public static IEnumerable<SourceImage> Find(IReadOnlyList<string> inputs, ResizeOptions options, Action<string> leftOut)
    {
        foreach (var input in inputs)
        {
            if (!Directory.Exists(input))
            {
                var path = Path.GetFullPath(input);
                yield return new SourceImage(path, options.OutputDirectory is { } output
                    ? Path.GetFullPath(output)
                    : Path.Combine(Path.GetDirectoryName(path)!, DefaultOutputFolderName));
                continue;
            }

            var root = Path.GetFullPath(input);
            var outputRoot = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(root, DefaultOutputFolderName));
            foreach (var found in Walk(root, outputRoot, options.Recurse, leftOut))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<SourceImage> Walk(string root, string outputRoot, bool recurse, Action<string> leftOut)
    {
        var folders = new Stack<string>([root]);
        while (folders.TryPop(out var folder))
        {
            // Normalised: the root folder's outputs are in outputRoot itself, not outputRoot/. (no "/./" in any path shown).
            var output = Path.GetFullPath(Path.Combine(outputRoot, Path.GetRelativePath(root, folder)));
            if (!TryList(folder, recurse, out var files, out var subfolders, out var problem))
            {
                yield return new SourceImage(folder, output, $"cannot read the folder: {problem}", Failed: true);
                continue;
            }

            foreach (var file in files)
            {
                if (Path.GetFileName(file) == Manifest.FileName)
                {
                    continue;
                }

                yield return ImageExtensions.Contains(Path.GetExtension(file))
                    ? new SourceImage(file, output)
                    : new SourceImage(file, output, "not an image format libvips reads (by its extension)");
            }

            // Deepest last, in name order; never into the outputs themselves, nor into hidden folders, nor into a folder
            // an earlier run wrote its outputs to (it holds that run's manifest): no thumbnails of thumbnails.
            foreach (var subfolder in subfolders.Reverse())
            {
                if (SamePath(subfolder, outputRoot) || Path.GetFileName(subfolder).StartsWith('.'))
                {
                    continue;
                }

                if (File.Exists(Path.Combine(subfolder, Manifest.FileName)))
                {
                    leftOut(subfolder);
                    continue;
                }

                folders.Push(subfolder);
            }
        }
    }

    private static bool TryList(string folder, bool recurse, out string[] files, out string[] subfolders, out string? problem)
    {
        try
        {
            files = [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal)];
            subfolders = recurse ? [.. Directory.GetDirectories(folder).Order(StringComparer.Ordinal)] : [];
            problem = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (files, subfolders, problem) = ([], [], e.Message);
            return false;
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
