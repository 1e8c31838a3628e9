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

    /// <summary>How many times it was encoded to choose its quality (a quality target's tries, a budget's); 1 for a fixed quality.</summary>
    public int Encodes { get; init; } = 1;

    /// <summary>With a budget: how much narrower than its box it was made to fit (1 when it fit at its size).</summary>
    public double Shrunk { get; init; } = 1;
}
