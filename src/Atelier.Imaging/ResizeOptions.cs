namespace Atelier.Imaging;

/// <summary>How a <see cref="Resizer"/> makes its copies.</summary>
public sealed record ResizeOptions
{
    /// <summary>The default name template, the chapter's: <c>thumb_{name}{ext}</c>.</summary>
    public const string DefaultNameTemplate = "thumb_{name}{ext}";

    /// <summary>The boxes to fit each image to; each gives one output per format.</summary>
    /// <value>800x600.</value>
    public IReadOnlyList<BoxSize> Sizes { get; init; } = [new BoxSize(800, 600)];

    /// <summary>The formats of the outputs.</summary>
    /// <value>The input's own.</value>
    public IReadOnlyList<ImageFormat> Formats { get; init; } = [ImageFormat.Keep];

    /// <summary>How images are fitted to a box.</summary>
    /// <value><see cref="Fit.Inside"/>.</value>
    public Fit Fit { get; init; } = Fit.Inside;

    /// <summary>What <see cref="Fit.Cover"/> keeps.</summary>
    /// <value><see cref="Gravity.Centre"/>.</value>
    public Gravity Gravity { get; init; } = Gravity.Centre;

    /// <summary>Whether an image smaller than the box is enlarged to it.</summary>
    /// <value>False: small images keep their size.</value>
    public bool Enlarge { get; init; }

    /// <summary>Quality of lossy outputs, 1 to 100.</summary>
    /// <value>85.</value>
    public int Quality { get; init; } = DefaultQuality;

    /// <summary>
    /// When set, each lossy output (JPEG, WebP, AVIF) gets the lowest quality whose decoded pixels reach this MS-SSIM
    /// against the resized image, instead of <see cref="Quality"/>: smooth pictures get fewer bytes, busy ones enough.
    /// </summary>
    /// <value>Null: the fixed <see cref="Quality"/>.</value>
    public double? QualityTarget { get; init; }

    /// <summary>The fixed quality lossy outputs get unless told another.</summary>
    public const int DefaultQuality = 85;

    /// <summary>
    /// The MS-SSIM <c>--quality auto</c> aims at unless told another: the median score of quality 75 (the default of
    /// libjpeg's cjpeg, libvips and Pillow) on real photographs fitted to 800x600 (bench/resize/quality.sh).
    /// </summary>
    public const double DefaultQualityTarget = 0.995;

    /// <summary>
    /// The most bytes each output may have: a lossy output (JPEG, WebP, AVIF; an animation as a whole) gets the highest
    /// quality, up to the one chosen without a budget, whose bytes fit; a PNG over it is quantised to a palette.
    /// An output that cannot fit fails its image, unless <see cref="ShrinkToBudget"/>. Null: no budget.
    /// </summary>
    /// <value>None.</value>
    public long? MaxBytes { get; init; }

    /// <summary>With <see cref="MaxBytes"/>: an output that does not fit at <see cref="MinQuality"/> is made about 10% narrower at a time until it does.</summary>
    /// <value>False: it fails.</value>
    public bool ShrinkToBudget { get; init; }

    /// <summary>With <see cref="MaxBytes"/>: the lowest quality a lossy output may be given to fit.</summary>
    /// <value>30.</value>
    public int MinQuality { get; init; } = 30;

    /// <summary>
    /// A JSON file to list every source image in: its outputs (path, format, width, height, bytes, quality, MS-SSIM),
    /// its size, and with <see cref="Placeholder"/> a placeholder and average colour. Merged with the one already there.
    /// Null: none.
    /// </summary>
    /// <value>None.</value>
    public string? ManifestPath { get; init; }

    /// <summary>The placeholder each image gets in the manifest.</summary>
    /// <value><see cref="PlaceholderKind.None"/>.</value>
    public PlaceholderKind Placeholder { get; init; }

    /// <summary>Whether JPEGs are progressive and PNGs interlaced.</summary>
    /// <value>False.</value>
    public bool Progressive { get; init; }

    /// <summary>Whether EXIF, XMP, IPTC and ICC metadata are copied to the outputs.</summary>
    /// <value>False: stripped (the orientation is applied to the pixels either way).</value>
    public bool KeepMetadata { get; init; }

    /// <summary>The colour transparent pixels are flattened on when the output has no alpha (JPEG), as R, G, B.</summary>
    /// <value>White.</value>
    public IReadOnlyList<double> Background { get; init; } = [255, 255, 255];

    /// <summary>Images with more pixels than this (width x height) are refused: decompression bombs.</summary>
    /// <value>268,402,689 (16383 x 16383), libvips' own default limit.</value>
    public long MaxPixels { get; init; } = 16383L * 16383;

    /// <summary>The output file name: <c>{name}</c> <c>{ext}</c> <c>{width}</c> <c>{height}</c> <c>{format}</c>.</summary>
    /// <value><see cref="DefaultNameTemplate"/>.</value>
    public string NameTemplate { get; init; } = DefaultNameTemplate;

    /// <summary>Where outputs go; null: a <c>resized</c> folder inside each input folder.</summary>
    /// <value>Null.</value>
    public string? OutputDirectory { get; init; }

    /// <summary>Whether folders are searched recursively; outputs then mirror the tree.</summary>
    /// <value>False.</value>
    public bool Recurse { get; init; }

    /// <summary>Whether up-to-date outputs are made again.</summary>
    /// <value>False: an output newer than its input, made with the same options, is skipped.</value>
    public bool Force { get; init; }

    /// <summary>How many images are processed at once, each on one libvips thread.</summary>
    /// <value>The number of processors.</value>
    public int Concurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>Receives each image's state changes.</summary>
    /// <value>None.</value>
    public IProgress<ResizeProgress>? Progress { get; init; }

    /// <summary>The clock for durations.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
