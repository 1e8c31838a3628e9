using System.CommandLine;
using System.Diagnostics;
using Atelier.Cli.Commands.Resize;
using Atelier.Cli.Rendering;
using Atelier.Imaging;
using Atelier.Imaging.Reporting;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier resize</c>: resized copies of many images on every core.</summary>
internal static class ResizeCommand
{
    public static Command Create()
    {
        var defaults = new ResizeOptions();
        var inputs = new Argument<string[]>("input") { Description = "Images and folders to resize.", Arity = ArgumentArity.OneOrMore };
        var recurse = new Option<bool>("--recursive", "-r") { Description = "Search folders recursively; the outputs mirror the tree." };
        var output = new Option<string?>("--output", "-o") { Description = "Put the outputs in this folder (default: a 'resized' folder inside each input folder)." };
        var name = new Option<string>("--name") { Description = "Output file name: {name} {ext} {width} {height} {format}. Default: thumb_{name}{ext}." };
        var sizes = CommonOptions.Parsed<IReadOnlyList<BoxSize>>("--size", "The box: WxH, or several: 320,640,1280 (a single number is a square). Default: 800x600.", ResizeSyntax.TryParseSizes, "WIDTHxHEIGHT (for example 800x600), or a list of them");
        var formats = CommonOptions.Parsed<IReadOnlyList<ImageFormat>>("--format", "jpg, png, webp, avif or keep, or several: webp,jpg. Default: keep.", ResizeSyntax.TryParseFormats, "one of jpg, png, webp, avif, keep (or a list of them)");
        var fit = CommonOptions.Choice("--fit", "inside (keep the aspect ratio within the box), cover (crop to fill it) or fill (stretch). Default: inside.", "inside", "cover", "fill");
        var gravity = CommonOptions.Choice("--gravity", "What cover keeps: centre, attention or entropy. Default: centre.", "centre", "attention", "entropy");
        var enlarge = new Option<bool>("--enlarge") { Description = "Enlarge images smaller than the box." };
        var quality = CommonOptions.Count("--quality", defaults.Quality, "Quality of lossy outputs, 1 to 100.");
        quality.Aliases.Add("-q");
        var progressive = new Option<bool>("--progressive") { Description = "Progressive JPEG, interlaced PNG." };
        var keepMetadata = new Option<bool>("--keep-metadata") { Description = "Copy EXIF, XMP, IPTC and ICC metadata (stripped by default)." };
        var background = CommonOptions.Parsed<IReadOnlyList<double>>("--background", "Colour transparent pixels become in JPEG: white, black, #RRGGBB or R,G,B. Default: white.", ResizeSyntax.TryParseColour, "a colour (white, black, #RRGGBB or R,G,B)");
        var maxPixels = CommonOptions.Parsed<long>("--max-pixels", "Refuse images with more pixels: a count or megapixels (268M). Default: 268M.", ResizeSyntax.TryParsePixels, "a pixel count (for example 268000000 or 268M)");
        var jobs = CommonOptions.Count("--jobs", defaults.Concurrency, "How many images are processed at once, one libvips thread each.");
        jobs.Aliases.Add("-j");
        var force = new Option<bool>("--force") { Description = "Make outputs again even when they are up to date." };
        var quiet = new Option<bool>("--quiet") { Description = "Show no progress on stderr." };
        var json = CommonOptions.Json();
        json.Description = "Write one JSON object per input on stdout instead of the table.";
        var report = new Option<string?>("--report") { Description = "Also write one JSON object per input to FILE.jsonl." };

        var command = new Command("resize", "Make resized copies of many images on every core: upright, sRGB, never enlarged, never half-written.")
        {
            inputs, recurse, output, name, sizes, formats, fit, gravity, enlarge, quality, progressive, keepMetadata, background, maxPixels, jobs, force, quiet, json, report,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var view = new ResizeView(parse.InvocationConfiguration.Error, parse.GetValue(quiet));
            var options = new ResizeOptions
            {
                Sizes = parse.GetValue(sizes) ?? defaults.Sizes,
                Formats = parse.GetValue(formats) ?? defaults.Formats,
                Fit = Enum.Parse<Fit>(parse.GetValue(fit) ?? "inside", ignoreCase: true),
                Gravity = Enum.Parse<Gravity>(parse.GetValue(gravity) ?? "centre", ignoreCase: true),
                Enlarge = parse.GetValue(enlarge),
                Quality = parse.GetValue(quality),
                Progressive = parse.GetValue(progressive),
                KeepMetadata = parse.GetValue(keepMetadata),
                Background = parse.GetValue(background) ?? defaults.Background,
                MaxPixels = parse.GetResult(maxPixels) is null ? defaults.MaxPixels : parse.GetValue(maxPixels),
                NameTemplate = parse.GetValue(name) ?? defaults.NameTemplate,
                OutputDirectory = parse.GetValue(output),
                Recurse = parse.GetValue(recurse),
                Force = parse.GetValue(force),
                Concurrency = parse.GetValue(jobs),
                Progress = view,
            };
            var resizer = new Resizer(options);
            var results = resizer.ResizeAsync(parse.GetValue(inputs)!, cancellationToken);
            await using var reportFile = ReportFile.Open(parse.GetValue(report));
            var summary = new ResizeSummary();
            var writeJson = parse.GetValue(json);
            var stdout = parse.InvocationConfiguration.Output;
            var clock = Stopwatch.StartNew();
            await view.RunAsync(async () =>
            {
                await foreach (var result in results.ConfigureAwait(false))
                {
                    summary.Add(result);
                    var line = writeJson || reportFile is not null ? ResizeRecord.Line(result) : null;
                    if (writeJson)
                    {
                        await stdout.WriteLineAsync(line).ConfigureAwait(false);
                    }

                    if (reportFile is not null)
                    {
                        await reportFile.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }
            }).ConfigureAwait(false);

            var interrupted = cancellationToken.IsCancellationRequested;
            if (!writeJson)
            {
                summary.Write(() => Terminal.For(stdout), stdout, clock.Elapsed, interrupted);
            }

            return interrupted ? ExitCodes.Interrupted : summary.Failed > 0 ? ExitCodes.ItemsFailed : ExitCodes.Success;
        });
        return command;
    }
}
