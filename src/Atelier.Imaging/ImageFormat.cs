namespace Atelier.Imaging;

/// <summary>The format of an output.</summary>
public enum ImageFormat
{
    /// <summary>The input's own format.</summary>
    Keep,

    /// <summary>JPEG (<c>.jpg</c>): no alpha, flattened on the background colour.</summary>
    Jpeg,

    /// <summary>PNG (<c>.png</c>).</summary>
    Png,

    /// <summary>WebP (<c>.webp</c>), animation kept.</summary>
    WebP,

    /// <summary>AVIF (<c>.avif</c>).</summary>
    Avif,

    /// <summary>GIF (<c>.gif</c>), only as the kept format of a GIF input; animation kept.</summary>
    Gif,

    /// <summary>TIFF (<c>.tif</c>), only as the kept format of a TIFF input.</summary>
    Tiff,
}
