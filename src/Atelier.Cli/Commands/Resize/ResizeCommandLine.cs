using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Imaging;

namespace Atelier.Cli.Commands.Resize;

/// <summary><c>atelier resize</c>'s options, and the <see cref="ResizeOptions"/> they make.</summary>
internal sealed class ResizeCommandLine : IBatchCommandLine
{
    private static readonly ResizeOptions Defaults = new();

    public Argument<string[]> Inputs { get; } = new("input") { Description = "Images and folders to resize.", Arity = ArgumentArity.OneOrMore };

    public Option<bool> Recurse { get; } = new("--recursive", "-r") { Description = "Search folders recursively; the outputs mirror the tree." };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = CommonOptions.WithDefault("Put the outputs in this folder.", "a 'resized' folder inside each input folder") };

    public Option<string> Name { get; } = new("--name") { Description = "Output file name: {name} {ext} {width} {height} {format} ({width} and {height} are the output's own size).", DefaultValueFactory = _ => ResizeOptions.DefaultNameTemplate };

    public Option<IReadOnlyList<BoxSize>> Sizes { get; } = CommonOptions.Parsed<IReadOnlyList<BoxSize>>(
        "--size", CommonOptions.WithDefault("The box: WxH, or several: 320,640,1280 (a single number is a square; 320x bounds only the width, x240 only the height; 50% is half each image's size).", "800x600"), ResizeSyntax.TryParseSizes, "WIDTHxHEIGHT (800x600, 320, 320x, x240) or a share (50%), or a list of them");

    public Option<IReadOnlyList<ImageFormat>> Formats { get; } = CommonOptions.Parsed<IReadOnlyList<ImageFormat>>(
        "--format", CommonOptions.WithDefault("jpg, png, webp, avif or keep, or several: webp,jpg.", "keep"), ResizeSyntax.TryParseFormats, "one of jpg, png, webp, avif, keep (or a list of them)");

    public Option<string> Fit { get; } = CommonOptions.Choice("--fit", "inside (keep the aspect ratio within the box), cover (crop to fill it) or fill (stretch).", "inside", "inside", "cover", "fill");

    public Option<string> Gravity { get; } = CommonOptions.Choice("--gravity", "What cover keeps: centre, attention or entropy.", "centre", "centre", "attention", "entropy");

    public Option<bool> Enlarge { get; } = new("--enlarge") { Description = "Enlarge images smaller than the box." };

    public Option<(int Quality, double? Target)> Quality { get; } = CommonOptions.Parsed<(int Quality, double? Target)>(
        "--quality",
        CommonOptions.WithDefault(
            $"Quality of lossy outputs, 1 to 100; or auto (auto:SCORE): per image, the lowest quality whose output keeps an MS-SSIM of {ResizeOptions.DefaultQualityTarget} (or SCORE) to the resized pixels.",
            Defaults.Quality.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ResizeSyntax.TryParseQuality,
        "a quality from 1 to 100, auto, or auto:SCORE (auto:0.99)");

    public Option<bool> Progressive { get; } = new("--progressive") { Description = "Progressive JPEG, interlaced PNG." };

    public Option<bool> KeepMetadata { get; } = new("--keep-metadata") { Description = "Copy EXIF, XMP, IPTC and ICC metadata (stripped by default)." };

    public Option<IReadOnlyList<double>> Background { get; } = CommonOptions.Parsed<IReadOnlyList<double>>(
        "--background", CommonOptions.WithDefault("Colour transparent pixels become in JPEG: white, black, #RRGGBB or R,G,B.", "white"), ResizeSyntax.TryParseColour, "a colour (white, black, #RRGGBB or R,G,B)");

    public Option<long> MaxPixels { get; } = CommonOptions.Parsed<long>(
        "--max-pixels", CommonOptions.WithDefault("Refuse images with more pixels: a count or megapixels.", "268M"), ResizeSyntax.TryParsePixels, "a pixel count (for example 268000000 or 268M)");

    public Option<int> Jobs { get; } = CommonOptions.Count("--jobs", Defaults.Concurrency, "How many images are processed at once, one libvips thread each.", alias: "-j");

    public Option<bool> Force { get; } = new("--force") { Description = "Make outputs again even when they are up to date." };

    public Option<bool> Quiet { get; } = CommonOptions.Quiet();

    public Option<bool> Json { get; } = CommonOptions.Json("Write one JSON object per input on stdout instead of the table.");

    public Option<string?> Report { get; } = CommonOptions.Report("Also write one JSON object per input to FILE.jsonl.");

    public Option<(long Bytes, bool Shrink)> MaxBytes { get; } = CommonOptions.Parsed<(long Bytes, bool Shrink)>(
        "--max-bytes",
        "Each output at most this size (60k, 1.5M; k = 1,000 as sizes are shown): lossy ones get the highest quality that fits, PNGs a palette; SIZE:shrink makes one that cannot fit about 10% narrower at a time instead of failing.",
        ResizeSyntax.TryParseBudget,
        "a size (60k, 1.5M), optionally with :shrink");

    public Option<int> MinQuality { get; } = CommonOptions.Count("--min-quality", Defaults.MinQuality, "With --max-bytes: the lowest quality an output may be given to fit.");

    public Option<string?> Manifest { get; } = new("--manifest") { Description = "Write FILE.json listing every image's outputs (path, format, size, bytes, quality) for srcset and <picture>; merged with the one there.", HelpName = "FILE.json" };

    public Option<string> Placeholder { get; } = CommonOptions.Choice("--placeholder", "With --manifest: a tiny placeholder per image, and its average colour.", "none", "none", "thumbhash", "blurhash");

    public IEnumerable<Symbol> All =>
    [
        Inputs, Recurse, Output, Name, Sizes, Formats, Fit, Gravity, Enlarge, Quality, MaxBytes, MinQuality, Manifest, Placeholder, Progressive, KeepMetadata, Background, MaxPixels, Jobs, Force, Quiet, Json, Report,
    ];

    public ResizeOptions Options(ParseResult parse) => new()
    {
        Sizes = parse.GetValue(Sizes) ?? Defaults.Sizes,
        Formats = parse.GetValue(Formats) ?? Defaults.Formats,
        Fit = Enum.Parse<Fit>(parse.GetValue(Fit)!, ignoreCase: true),
        Gravity = Enum.Parse<Gravity>(parse.GetValue(Gravity)!, ignoreCase: true),
        Enlarge = parse.GetValue(Enlarge),
        Quality = parse.GetResult(Quality) is null ? Defaults.Quality : parse.GetValue(Quality).Quality,
        QualityTarget = parse.GetResult(Quality) is null ? null : parse.GetValue(Quality).Target,
        MaxBytes = parse.GetResult(MaxBytes) is null ? null : parse.GetValue(MaxBytes).Bytes,
        ShrinkToBudget = parse.GetResult(MaxBytes) is not null && parse.GetValue(MaxBytes).Shrink,
        MinQuality = parse.GetValue(MinQuality),
        ManifestPath = parse.GetValue(Manifest),
        Placeholder = parse.GetValue(Placeholder) switch
        {
            "thumbhash" => PlaceholderKind.ThumbHash,
            "blurhash" => PlaceholderKind.BlurHash,
            _ => PlaceholderKind.None,
        },
        Progressive = parse.GetValue(Progressive),
        KeepMetadata = parse.GetValue(KeepMetadata),
        Background = parse.GetValue(Background) ?? Defaults.Background,
        MaxPixels = parse.GetResult(MaxPixels) is null ? Defaults.MaxPixels : parse.GetValue(MaxPixels),
        NameTemplate = parse.GetValue(Name)!,
        OutputDirectory = parse.GetValue(Output),
        Recurse = parse.GetValue(Recurse),
        Force = parse.GetValue(Force),
        Concurrency = parse.GetValue(Jobs),
    };
}
