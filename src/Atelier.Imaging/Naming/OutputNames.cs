using System.Globalization;

namespace Atelier.Imaging.Naming;

/// <summary>Output file names from the template: <c>{name}</c> <c>{ext}</c> <c>{width}</c> <c>{height}</c> <c>{format}</c>.</summary>
internal static class OutputNames
{
    private const string Setting = "ResizeOptions.NameTemplate";
    private static readonly string[] Placeholders = ["{name}", "{ext}", "{width}", "{height}", "{format}"];

    /// <exception cref="AtelierException">The template cannot give every output its own name, or names a folder.</exception>
    public static void Check(ResizeOptions options)
    {
        var template = options.NameTemplate;
        if (string.IsNullOrWhiteSpace(template) || template.Contains('/') || template.Contains('\\'))
        {
            throw new AtelierException($"'{template}' must be a file name (no folders), for example thumb_{{name}}{{ext}}.", Setting);
        }

        var rest = Placeholders.Aggregate(template, (text, placeholder) => text.Replace(placeholder, "", StringComparison.Ordinal));
        if (rest.Contains('{') || rest.Contains('}'))
        {
            throw new AtelierException($"'{template}' has an unknown placeholder; use {string.Join(" ", Placeholders)}.", Setting);
        }

        if (!template.Contains("{name}", StringComparison.Ordinal))
        {
            throw new AtelierException($"'{template}' has no {{name}}: every image would get the same file name.", Setting);
        }

        if (options.Sizes.Count > 1 && !template.Contains("{width}", StringComparison.Ordinal) && !template.Contains("{height}", StringComparison.Ordinal))
        {
            throw new AtelierException($"'{template}' has no {{width}} or {{height}}, so several sizes would share one file name; for example {{name}}-{{width}}{{ext}}.", Setting);
        }

        if (options.Formats.Count > 1 && !template.Contains("{ext}", StringComparison.Ordinal) && !template.Contains("{format}", StringComparison.Ordinal))
        {
            throw new AtelierException($"'{template}' has no {{ext}} or {{format}}, so several formats would share one file name.", Setting);
        }
    }

    /// <summary>
    /// The options with the formats the outputs will have: as asked, or, when they were left to each input's own and the
    /// template ends with an extension (<c>{name}.png</c>), the format it names, as vipsthumbnail and ImageMagick take it.
    /// </summary>
    /// <exception cref="AtelierException">The template's extension names another format than the one asked for.</exception>
    public static ResizeOptions WithNamedFormat(ResizeOptions options)
    {
        if (FormatNamedBy(options.NameTemplate) is not { } named)
        {
            return options;
        }

        if (options.Formats is [ImageFormat.Keep])
        {
            return options with { Formats = [named] };
        }

        if (options.Formats is [var asked] && asked != named)
        {
            throw new AtelierException(
                $"'{options.NameTemplate}' names {Extension(named, "").TrimStart('.')} files, but Formats asks for {Extension(asked, ".input").TrimStart('.')}: end NameTemplate with {{ext}}, or ask for the format the name says.",
                [Setting, "ResizeOptions.Formats"]);
        }

        return options;
    }

    /// <summary>The format a template's own extension names (<c>.png</c>, <c>.JPEG</c>); null when it ends with a placeholder or an extension of no format.</summary>
    private static ImageFormat? FormatNamedBy(string template) => Path.GetExtension(template).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => ImageFormat.Jpeg,
        ".png" => ImageFormat.Png,
        ".webp" => ImageFormat.WebP,
        ".avif" => ImageFormat.Avif,
        ".gif" => ImageFormat.Gif,
        ".tif" or ".tiff" => ImageFormat.Tiff,
        _ => null,
    };

    /// <summary>The name of an output of <paramref name="input"/>: <c>{width}</c> and <c>{height}</c> are the output's own.</summary>
    public static string For(string template, string input, int width, int height, ImageFormat format) => template
        .Replace("{name}", Path.GetFileNameWithoutExtension(input), StringComparison.Ordinal)
        .Replace("{ext}", Extension(format, input), StringComparison.Ordinal)
        .Replace("{width}", width.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{height}", height.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{format}", Extension(format, input).TrimStart('.'), StringComparison.Ordinal);

    private static string Extension(ImageFormat format, string input) => format switch
    {
        ImageFormat.Jpeg => ".jpg",
        ImageFormat.Png => ".png",
        ImageFormat.WebP => ".webp",
        ImageFormat.Avif => ".avif",
        ImageFormat.Gif => ".gif",
        ImageFormat.Tiff => ".tif",
        _ => Path.GetExtension(input),
    };
}
