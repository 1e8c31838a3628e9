using Atelier.Imaging.Naming;
using Atelier.Imaging.Placeholders;
using Atelier.Work;
using NetVips;

namespace Atelier.Imaging.Processing;

/// <summary>
/// Makes an input's outputs with libvips: shrink-on-load, EXIF orientation applied, colour to sRGB through the
/// embedded profile (CMYK included, with a fallback profile when it has none), alpha flattened only where the
/// format has none. One decode for all outputs. (libvips' thumbnail does the colour management by itself; naming an
/// output profile would push every untagged sRGB image through an ICC transform too, doubling the time.)
/// </summary>
internal sealed class Thumbnailer(ResizeOptions options)
{
    /// <summary>The quality the last output of each format and size got under the budget: where the next one's search starts.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(ImageFormat Format, BoxSize Box), int> budgetHints = new();

    /// <summary>Writes every planned output of one input (each to a temporary name, renamed when complete) and describes them.</summary>
    /// <exception cref="WorkItemException">The input is unreadable, too large, or an output cannot be written; the reason is this input's own.</exception>
    public Made Make(IReadOnlyList<PlannedOutput> planned, CancellationToken cancellationToken)
    {
        var input = planned[0].Input;
        var written = new List<(PlannedOutput Planned, ResizedOutput Output)>();
        var missed = new List<(PlannedOutput Planned, string Reason)>();
        BoxSize upright = default;
        Placeholder? placeholder = null;
        try
        {
            if (new FileInfo(input).Length == 0)
            {
                throw new WorkItemException("empty file");
            }

            void Done(Encoded encoded)
            {
                if (encoded.Miss is { } reason)
                {
                    // Several outputs: which one, as the table describes outputs ("800x533 jpg").
                    missed.Add((encoded.Planned, planned.Count == 1 ? reason
                        : $"{OutputNames.For("{width}x{height} {format}", input, encoded.Width, encoded.Height, encoded.Format)}: {reason}"));
                }
                else
                {
                    written.Add((encoded.Planned, Write(encoded, written)));
                }
            }

            VipsDiagnosis.Run(() => Encode(input, planned, Done, cancellationToken, (size, made) => (upright, placeholder) = (size, made)));
            return new Made(written, upright, placeholder) { Missed = missed };
        }
        catch (Exception e)
        {
            // Nothing of a failed input stays behind: not the outputs already written (a temporary file never does).
            foreach (var path in written.Select(w => w.Output.Path).Distinct().Where(File.Exists))
            {
                File.Delete(path);
            }

            throw e switch
            {
                VipsException vips => new WorkItemException(
                    VipsDiagnosis.Diagnose(() => Encode(input, planned, _ => { }, CancellationToken.None)) ?? VipsErrors.Describe(vips), vips),
                IOException or UnauthorizedAccessException => new WorkItemException(e.Message, e),
                _ => e,
            };
        }
    }

    /// <summary>Decodes the input once and encodes each planned output in memory, handing each to <paramref name="done"/>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="planned">Its outputs.</param>
    /// <param name="done">Receives each output encoded.</param>
    /// <param name="cancellationToken">Stops between outputs.</param>
    /// <param name="described">Receives the input's upright size, and its placeholder when the manifest wants one (made from the first output's pixels in memory).</param>
    private void Encode(string input, IReadOnlyList<PlannedOutput> planned, Action<Encoded> done, CancellationToken cancellationToken, Action<BoxSize, Placeholder?>? described = null)
    {
        var source = Inspect(input);
        var placed = false;
        var boxes = planned.Select(p => p.Box).Distinct().ToList();

        // Several sizes: decode once, just large enough for the largest, then make each size from that.
        using var decoded = boxes.Count > 1 ? DecodeOnce(input, source) : null;
        foreach (var box in boxes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (width, height) = box.For(source.Upright);
            using var pipeline = decoded is null
                ? Image.Thumbnail(FileOf(input, source), width, height: height, size: Size(box), crop: Crop(box), failOn: Enums.FailOn.Error)
                : decoded.ThumbnailImage(width, height: height, size: Size(box), noRotate: true, crop: Crop(box));
            var outputs = planned.Where(p => p.Box == box).ToList();

            // The pipeline reads its input once, top to bottom: several formats, several tries at a quality (a
            // target's, a budget's), or a placeholder made from it too, need the (small) result in memory.
            using var image = outputs.Count > 1 || options.QualityTarget is not null || options.MaxBytes is not null || options.Placeholder != PlaceholderKind.None
                ? pipeline.CopyMemory()
                : pipeline.Copy();
            if (!placed)
            {
                described?.Invoke(source.Upright, options.Placeholder == PlaceholderKind.None ? null : Placeholder.Of(image, options.Placeholder));
                placed = true;
            }

            foreach (var output in outputs)
            {
                done(Save(image, output, source));
            }
        }
    }

    /// <summary>
    /// Names an encoded output after its own size and writes it beside that name, then renames it into place. The bytes
    /// go through .NET rather than libvips, so that a full disk or a read-only folder fails this output with the
    /// system's own words. Two sizes that came out the same (an input smaller than both boxes) make one file.
    /// </summary>
    private ResizedOutput Write(Encoded encoded, IEnumerable<(PlannedOutput Planned, ResizedOutput Output)> written)
    {
        var planned = encoded.Planned;
        var path = Path.Combine(planned.Folder, OutputNames.For(options.NameTemplate, planned.Input, encoded.Width, encoded.Height, planned.Format));
        if (string.Equals(Path.GetFullPath(path), Path.GetFullPath(planned.Input), StringComparison.Ordinal))
        {
            throw new WorkItemException($"its output '{path}' would overwrite it; choose another name or output folder");
        }

        var output = new ResizedOutput(path, encoded.Width, encoded.Height, encoded.Bytes.Length, encoded.Format)
        {
            KeptSize = encoded.KeptSize,
            Quality = encoded.Quality,
            Score = encoded.Score,
            Encodes = encoded.Encodes,
            Shrunk = encoded.Shrunk,
        };
        if (written.FirstOrDefault(w => w.Output.Path == path).Output is { } same)
        {
            return same.Width == output.Width && same.Height == output.Height
                ? same
                : throw new WorkItemException($"two of its sizes would both be named '{path}'; put {{width}} and {{height}} in the name");
        }

        var temporary = path + ".part";
        LocalFileException.Guard(temporary, () =>
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0))
                {
                    file.Write(encoded.Bytes);
                }

                File.Move(temporary, path, overwrite: true);
                return true;
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        });
        return output;
    }

    private Source Inspect(string input)
    {
        // Only the header is read here; the pixels are decoded by the thumbnail below.
        using var header = Image.NewFromFile(input, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        var pixels = (long)header.Width * header.Height;
        if (pixels > options.MaxPixels)
        {
            throw new WorkItemException(
                $"refusing {header.Width}x{header.Height} ({pixels / 1e6:0.#} MP): more than the {options.MaxPixels / 1e6:0.#} MP limit; a decompression bomb?");
        }

        var loader = header.Contains("vips-loader") ? (string)header.Get("vips-loader") : "";
        var pages = header.Contains("n-pages") ? (int)header.Get("n-pages") : 1;
        var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        var upright = orientation is >= 5 and <= 8 ? new BoxSize(header.Height, header.Width) : new BoxSize(header.Width, header.Height);
        var animated = pages > 1 && loader.StartsWith("gifload", StringComparison.Ordinal) || pages > 1 && loader.StartsWith("webpload", StringComparison.Ordinal);
        var fullChroma = header.Contains("jpeg-chroma-subsample") && (string)header.Get("jpeg-chroma-subsample") == "4:4:4";
        return new Source(loader, upright, animated && options.Fit != Fit.Cover) { FullChroma = fullChroma };
    }

    private static string FileOf(string input, Source source) => source.Animated ? input + "[n=-1]" : input;

    private Image DecodeOnce(string input, Source source)
    {
        var scale = options.Sizes.Max(b => Scale(source.Upright, b));
        using var decoded = Image.Thumbnail(
            FileOf(input, source),
            Math.Max(1, (int)Math.Ceiling(source.Upright.Width * scale)),
            height: Math.Max(1, (int)Math.Ceiling(source.Upright.Height * scale)),
            size: Enums.Size.Force,
            failOn: Enums.FailOn.Error);
        return decoded.CopyMemory();
    }

    private double Scale(BoxSize upright, BoxSize box)
    {
        if (box.Scale is { } asked)
        {
            return asked;
        }

        var (width, height) = box.For(upright);
        double x = (double)width / upright.Width, y = (double)height / upright.Height;
        var scale = options.Fit switch
        {
            Fit.Inside => Math.Min(x, y),
            _ => Math.Max(x, y),
        };
        return options.Enlarge ? scale : Math.Min(scale, 1);
    }

    /// <summary>A share of the input's size is made exactly that size, larger or smaller; a box as the fit says.</summary>
    private Enums.Size Size(BoxSize box) =>
        box.Scale is not null || options.Fit == Fit.Fill ? Enums.Size.Force : options.Enlarge ? Enums.Size.Both : Enums.Size.Down;

    private Enums.Interesting? Crop(BoxSize box) => options.Fit != Fit.Cover || box.Scale is not null ? null : options.Gravity switch
    {
        Gravity.Attention => Enums.Interesting.Attention,
        Gravity.Entropy => Enums.Interesting.Entropy,
        _ => Enums.Interesting.Centre,
    };

    /// <summary>
    /// Encodes an output; with a budget it cannot fit, and <see cref="ResizeOptions.ShrinkToBudget"/>, made about 10%
    /// narrower at a time until it does (an animation is not shrunk). One that still does not fit comes back with its
    /// <see cref="Encoded.Miss"/>: that output fails, the input's others are written.
    /// </summary>
    private Encoded Save(Image image, PlannedOutput output, Source source)
    {
        var current = image;
        var shrunk = 1.0;
        try
        {
            while (true)
            {
                var encoded = Encode(current, output, source, out var miss);
                if (miss is null)
                {
                    return encoded with { Shrunk = shrunk };
                }

                if (!options.ShrinkToBudget || source.Animated || current.Width * 0.9 < 16 || current.Height * 0.9 < 16)
                {
                    return encoded with { Miss = miss };
                }

                var smaller = current.Resize(0.9, kernel: Enums.Kernel.Lanczos3).CopyMemory();
                if (!ReferenceEquals(current, image))
                {
                    current.Dispose();
                }

                (current, shrunk) = (smaller, shrunk * 0.9);
            }
        }
        finally
        {
            if (!ReferenceEquals(current, image))
            {
                current.Dispose();
            }
        }
    }

    /// <summary>One encoding of an output; <paramref name="miss"/> says how far over the budget it is when it does not fit.</summary>
    private Encoded Encode(Image image, PlannedOutput output, Source source, out string? miss)
    {
        var format = output.Format == ImageFormat.Keep ? FormatOf(source.Loader) : output.Format;
        var keep = options.KeepMetadata ? Enums.ForeignKeep.All : Enums.ForeignKeep.None;
        var height = image.Contains("page-height") ? (int)image.Get("page-height") : image.Height;
        var keptSize = image.Width == source.Upright.Width && height == source.Upright.Height;
        var budget = options.MaxBytes;
        var encodes = 0;
        string? over = null;
        QualityChoice Lossy(Image pixels, Func<int, byte[]> encode)
        {
            byte[] Counted(int quality)
            {
                encodes++;
                return encode(quality);
            }

            var scored = options.QualityTarget is not null && !source.Animated && pixels.Width >= MsSsim.Smallest && pixels.Height >= MsSsim.Smallest;
            var first = scored
                ? QualitySearch.Find(pixels, options.QualityTarget!.Value, Counted)
                : budget is null ? new QualityChoice(options.Quality, double.NaN, Counted(options.Quality)) : null;
            if (budget is not { } most || (first is not null && first.Bytes.Length <= most))
            {
                return first!;
            }

            // Below the quality asked for (or auto's choice), from where the last image of this size and format landed.
            var ceiling = first?.Quality ?? options.Quality;
            var hint = (format, output.Box);
            var guess = budgetHints.TryGetValue(hint, out var last) ? last : (int?)null;
            if (BudgetSearch.Fit(ceiling, first?.Bytes, most, options.MinQuality, BudgetSearch.SlopeOf(format), guess, Counted, out var lowest) is not { } fit)
            {
                over = $"over the {Kilobytes(most)} budget at quality {Math.Min(ceiling, options.MinQuality)} ({Kilobytes(lowest.Length)})";
                return first ?? new QualityChoice(options.MinQuality, double.NaN, lowest);
            }

            budgetHints[hint] = fit.Quality;

            // The score of the quality the budget allowed, when the image can be scored: the table shows what it cost.
            return new QualityChoice(fit.Quality, pixels.Width >= MsSsim.Smallest && pixels.Height >= MsSsim.Smallest && !source.Animated ? ScoreOf(pixels, fit.Bytes) : double.NaN, fit.Bytes);
        }

        QualityChoice? chosen = null;
        byte[] bytes;
        switch (format)
        {
            case ImageFormat.Jpeg:
                using (var flat = Flatten(image))
                {
                    // Chroma subsampling stays on at every quality the search tries: MS-SSIM on luminance cannot see
                    // chroma, and libvips' default (no subsampling from 90 up) would add a third to the bytes there.
                    // With a budget every try has optimised Huffman tables (the same pixels, 9% fewer bytes on the
                    // photo corpus), so the quality that fits is as high as it can be; progressive scans would take
                    // another 0.3% off at 70% more time a try, so they stay for --progressive.
                    var smallest = budget is not null;
                    var subsample = options.QualityTarget is not null ? Enums.ForeignSubsample.On
                        : smallest && source.FullChroma ? Enums.ForeignSubsample.Off
                        : Enums.ForeignSubsample.Auto;
                    chosen = Lossy(flat, q => flat.JpegsaveBuffer(q: q, interlace: options.Progressive, subsampleMode: subsample, keep: keep, optimizeCoding: smallest));
                    if (options.QualityTarget is not null && !double.IsNaN(chosen.Score) && !smallest)
                    {
                        // The quality found, written as small as it can be: optimised Huffman tables and progressive
                        // scans, mozjpeg's own defaults (libvips turns them off). They leave the pixels, and so the
                        // score, as they are, so the search tries candidates without them and only the chosen one pays
                        // the extra pass; they took 6% and 3% more off the synthetic corpus. A fixed quality stays
                        // libvips' default, as vipsthumbnail's.
                        chosen = chosen with { Bytes = flat.JpegsaveBuffer(q: chosen.Quality, interlace: true, subsampleMode: subsample, keep: keep, optimizeCoding: true) };
                    }
                }

                bytes = chosen.Bytes;
                break;
            case ImageFormat.WebP:
                chosen = Lossy(image, q => image.WebpsaveBuffer(q: q, keep: keep));
                bytes = chosen.Bytes;
                break;
            case ImageFormat.Avif:
                chosen = Lossy(image, q => image.HeifsaveBuffer(q: q, compression: Enums.ForeignHeifCompression.Av1, keep: keep));
                bytes = chosen.Bytes;
                break;
            case ImageFormat.Png:
                bytes = image.PngsaveBuffer(interlace: options.Progressive, keep: keep);
                if (budget is { } most && bytes.Length > most)
                {
                    // As pngquant does: a palette of at most 256 colours, dithered.
                            var palette = image.PngsaveBuffer(interlace: options.Progressive, keep: keep, palette: true);
                    encodes++;
                    over = palette.Length > most ? $"over the {Kilobytes(most)} budget as a 256-colour PNG ({Kilobytes(palette.Length)})" : null;
                    bytes = palette;
                }

                break;
            case ImageFormat.Gif:
                bytes = image.GifsaveBuffer(keep: keep);
                break;
            default:
                bytes = image.TiffsaveBuffer(keep: keep);
                break;
        }

        miss = over;
        return new Encoded(output, bytes, image.Width, height, format, keptSize, chosen?.Quality, chosen is { Score: var score } && !double.IsNaN(score) ? score : null)
        {
            Encodes = Math.Max(1, encodes),
        };
    }

    /// <summary>The MS-SSIM of encoded bytes against the pixels they were made from.</summary>
    private static double ScoreOf(Image pixels, byte[] bytes)
    {
        using var decoded = Image.NewFromBuffer(bytes);
        return new MsSsim(pixels).Of(decoded);
    }

    /// <summary>Bytes as file sizes are shown: 1 kB is 1,000 bytes.</summary>
    private static string Kilobytes(long bytes) => FormattableString.Invariant($"{bytes / 1000.0:0.#} kB");

    /// <summary>JPEG has no alpha: transparent pixels go onto the background colour.</summary>
    private Image Flatten(Image image)
    {
        if (!image.HasAlpha())
        {
            return image.Copy();
        }

        var colourBands = image.Bands - 1;
        double[] background = colourBands >= 3 ? [.. options.Background.Take(3)] : [options.Background.Average()];
        return image.Flatten(background: background);
    }

    private static ImageFormat FormatOf(string loader) => loader switch
    {
        _ when loader.StartsWith("jpeg", StringComparison.Ordinal) => ImageFormat.Jpeg,
        _ when loader.StartsWith("png", StringComparison.Ordinal) => ImageFormat.Png,
        _ when loader.StartsWith("webp", StringComparison.Ordinal) => ImageFormat.WebP,
        _ when loader.StartsWith("gif", StringComparison.Ordinal) => ImageFormat.Gif,
        _ when loader.StartsWith("heif", StringComparison.Ordinal) => ImageFormat.Avif,
        _ when loader.StartsWith("tiff", StringComparison.Ordinal) => ImageFormat.Tiff,
        _ => ImageFormat.Png,
    };

    private sealed record Source(string Loader, BoxSize Upright, bool Animated)
    {
        /// <summary>A JPEG whose colour is not subsampled (4:4:4): under a budget its outputs keep it so, as ImageMagick's do.</summary>
        public bool FullChroma { get; init; }
    }

    /// <summary>What <see cref="Make"/> made: the outputs, the input's upright size, and its placeholder if one was asked for.</summary>
    public sealed record Made(IReadOnlyList<(PlannedOutput Planned, ResizedOutput Output)> Outputs, BoxSize Upright, Placeholder? Placeholder)
    {
        /// <summary>The outputs over the byte budget even at the lowest quality (and size) allowed, each with its reason: not written.</summary>
        public IReadOnlyList<(PlannedOutput Planned, string Reason)> Missed { get; init; } = [];
    }

    private sealed record Encoded(PlannedOutput Planned, byte[] Bytes, int Width, int Height, ImageFormat Format, bool KeptSize, int? Quality, double? Score)
    {
        public int Encodes { get; init; } = 1;

        /// <summary>Why these bytes are not to be written: over the budget, by how much.</summary>
        public string? Miss { get; init; }

        public double Shrunk { get; init; } = 1;
    }
}
