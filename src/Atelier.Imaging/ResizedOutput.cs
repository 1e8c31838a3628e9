namespace Atelier.Imaging;

/// <summary>One file written for an input.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Width">Its width in pixels.</param>
/// <param name="Height">Its height in pixels (of one frame, for an animation).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Format">Its format.</param>
public sealed record ResizedOutput(string Path, int Width, int Height, long Bytes, ImageFormat Format)
{
    /// <summary>True when the image kept its own size (smaller than the box, and not enlarged): re-encoded, not resized.</summary>
    public bool KeptSize { get; init; }

    /// <summary>The encoder quality of a lossy output (JPEG, WebP, AVIF); null for the others.</summary>
    public int? Quality { get; init; }

    /// <summary>The MS-SSIM of the output against the resized image, when the quality was chosen by it; null otherwise.</summary>
    public double? Score { get; init; }
}
