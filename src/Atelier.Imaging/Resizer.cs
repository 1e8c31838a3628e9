using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Atelier.Imaging.Incremental;
using Atelier.Imaging.Input;
using Atelier.Imaging.Naming;
using Atelier.Imaging.Processing;
using Atelier.Imaging.Reporting;
using Atelier.Work;

namespace Atelier.Imaging;

/// <summary>
/// Makes resized copies of many images, several at once, each on one libvips thread: correct orientation and
/// colour by default, bounded memory, outputs that appear only when complete, and nothing redone that is up to date.
/// </summary>
/// <remarks>Results come back in the order the inputs were found. An input is never written over.</remarks>
public sealed class Resizer
{
    private readonly ResizeOptions options;
    private readonly Thumbnailer thumbnailer;
    private readonly string fingerprint;
    private readonly ResizeCounter counter;
    private readonly ConcurrentQueue<string> leftOut = new();
    private readonly ImageManifest? imageManifest;

    /// <summary>Checks the options and sets libvips up for parallel work.</summary>
    /// <exception cref="AtelierException">The options cannot work, such as a name template that would give two outputs one name.</exception>
    public Resizer(ResizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        if (options.Sizes.Count == 0 || options.Formats.Count == 0)
        {
            throw new AtelierException("Give at least one size and one format.");
        }

        if (options.Quality is < 1 or > 100)
        {
            throw new AtelierException($"'{options.Quality}' must be between 1 and 100.", "ResizeOptions.Quality");
        }

        if (options.QualityTarget is { } target && !(target is > 0 and < 1))
        {
            throw new AtelierException($"The quality target {target} must be an MS-SSIM between 0 and 1, such as {ResizeOptions.DefaultQualityTarget}.");
        }

        if (options.Placeholder != PlaceholderKind.None && options.ManifestPath is null)
        {
            throw new AtelierException("Placeholder goes in the manifest: give ManifestPath too.", ["ResizeOptions.Placeholder", "ResizeOptions.ManifestPath"]);
        }

        if (options.MaxBytes is < 1)
        {
            throw new AtelierException($"'{options.MaxBytes}' must be at least 1 byte.", "ResizeOptions.MaxBytes");
        }

        if (options.MaxBytes is not null && (options.MinQuality is < 1 or > 100 || options.MinQuality > options.Quality && options.QualityTarget is null))
        {
            throw new AtelierException($"'{options.MinQuality}' must be between 1 and the quality ({options.Quality}).", "ResizeOptions.MinQuality");
        }

        foreach (var size in options.Sizes)
        {
            if (!size.IsValid)
            {
                throw new AtelierException($"'{size}' is not a size: give a width, a height or both, from 1 to 100,000 pixels, or a share up to 1000%.", "ResizeOptions.Sizes");
            }

            if (size.IsOpen && options.Fit != Fit.Inside)
            {
                throw new AtelierException($"'{size}' in Sizes leaves a side open, but Fit {options.Fit.ToString().ToLowerInvariant()} needs both sides: give WIDTHxHEIGHT.", ["ResizeOptions.Sizes", "ResizeOptions.Fit"]);
            }
        }

        OutputNames.Check(options);
        options = OutputNames.WithNamedFormat(options);
        this.options = options;
        thumbnailer = new Thumbnailer(options);
        fingerprint = Fingerprint.Of(options);
        imageManifest = options.ManifestPath is { } manifestPath ? ImageManifest.Open(manifestPath, options.Placeholder) : null;
        counter = new ResizeCounter(options.TimeProvider);
        VipsSettings.Apply();
    }

    /// <summary>
    /// The folders left out of the inputs because an earlier run wrote its outputs there (they hold its manifest,
    /// <c>.atelier-resize.json</c>): found while recursing, so that outputs are never resized again.
    /// </summary>
    /// <remarks>Grows as the folders are walked; safe to read from any thread.</remarks>
    public IReadOnlyCollection<string> OutputFoldersLeftOut => leftOut;

    /// <summary>Counts of the run so far: found, running, resized, skipped, failed. Safe to call at any time from any thread.</summary>
    public ResizeTotals Totals => counter.Snapshot();

    /// <summary>Resizes every image among the inputs (files, and folders: recursively with <see cref="ResizeOptions.Recurse"/>).</summary>
    /// <exception cref="AtelierException">An input is missing or unreadable.</exception>
    public IAsyncEnumerable<ResizeResult> ResizeAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ImageSources.Check(inputs, options);
        return ResizeCoreAsync(inputs, cancellationToken);
    }

    private async IAsyncEnumerable<ResizeResult> ResizeCoreAsync(IReadOnlyList<string> inputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var manifests = new Manifests();
        var pool = new WorkPoolOptions
        {
            MaxDegreeOfParallelism = options.Concurrency,
            PreserveOrder = true,
            TimeProvider = options.TimeProvider,
        };
        try
        {
            counter.Start();

            // The work walks the folders as it goes; a walk ahead, listing only, tells progress how many there are.
            _ = Task.Run(() => counter.Expect(ImageSources.Find(inputs, options, static _ => { }).LongCount()), cancellationToken);
            var sources = counter.Counting(ImageSources.Find(inputs, options, leftOut.Enqueue));
            await foreach (var result in WorkPool.RunAsync(sources, (item, ct) => ValueTask.FromResult(Process(item, manifests, ct)), pool, cancellationToken).ConfigureAwait(false))
            {
                yield return result.Succeeded ? result.Value! : new ResizeResult(
                    result.Index, result.Item.Path, result.Status == WorkStatus.Canceled ? ResizeStatus.Canceled : ResizeStatus.Failed, [], result.Reason, result.Elapsed);
            }
        }
        finally
        {
            // What was made is recorded even after Ctrl-C, so a re-run skips it.
            manifests.SaveAll();
            imageManifest?.Save();
        }
    }

    private ResizeResult Process(WorkItem<SourceImage> item, Manifests manifests, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var started = time.GetTimestamp();
        var source = item.Value;
        counter.Began();
        ResizeResult? result = null;
        try
        {
            options.Progress?.Report(new ResizeProgress(source.Path, null));
            result = Resize(item.Index, source, manifests, cancellationToken) with { Duration = time.GetElapsedTime(started) };
            if (imageManifest is not null && result.Status == ResizeStatus.Skipped && !imageManifest.Has(source.Path))
            {
                imageManifest.Record(source.Path, result.Outputs);
            }

            options.Progress?.Report(new ResizeProgress(source.Path, result));
            return result;
        }
        finally
        {
            counter.Ended(result?.Status ?? ResizeStatus.Canceled);
        }
    }

    private ResizeResult Resize(long index, SourceImage source, Manifests manifests, CancellationToken cancellationToken)
    {
        if (source.Problem is { } problem)
        {
            return new ResizeResult(index, source.Path, source.Failed ? ResizeStatus.Failed : ResizeStatus.Skipped, [], problem, TimeSpan.Zero);
        }

        var planned = Plan(source);
        var manifest = manifests.For(source.OutputFolder);
        if (!options.Force && planned.Select(p => (Planned: p, Output: manifest.UpToDate(p, fingerprint))).ToList() is var known && known.All(k => k.Output is not null))
        {
            return new ResizeResult(index, source.Path, ResizeStatus.Skipped, [.. known.DistinctBy(k => k.Output).Select(k => Existing(k.Output!, k.Planned.Format))], "up to date", TimeSpan.Zero);
        }

        try
        {
            var made = thumbnailer.Make(planned, cancellationToken);
            foreach (var (plan, output) in made.Outputs)
            {
                manifest.Record(plan, output.Path, fingerprint);
            }

            // An output over its byte budget fails the input, but not its other outputs: they are written and described.
            var outputs = made.Outputs.Select(m => m.Output).DistinctBy(o => o.Path).ToList();
            imageManifest?.Record(source.Path, outputs, made.Upright, made.Placeholder);
            return made.Missed.Count == 0
                ? new ResizeResult(index, source.Path, ResizeStatus.Resized, outputs, null, TimeSpan.Zero)
                : new ResizeResult(index, source.Path, ResizeStatus.Failed, outputs, string.Join("; ", made.Missed.Select(m => m.Reason)), TimeSpan.Zero);
        }
        catch (WorkItemException e)
        {
            return new ResizeResult(index, source.Path, ResizeStatus.Failed, [], e.Message, TimeSpan.Zero);
        }
    }

    private List<PlannedOutput> Plan(SourceImage source) =>
    [
        .. from box in options.Sizes
           from format in options.Formats
           select new PlannedOutput(source.Path, box, format, source.OutputFolder),
    ];

    private static ResizedOutput Existing(string path, ImageFormat format)
    {
        // Up to date: describe the file that is there, from its header only.
        using var image = NetVips.Image.NewFromFile(path);
        return new ResizedOutput(path, image.Width, image.Height, new FileInfo(path).Length, format);
    }

}
