namespace Atelier.Imaging.Reporting;

/// <summary>One output in a report line.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Width">Its width.</param>
/// <param name="Height">Its height.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="KeptSize">Whether the image kept its own size (smaller than the box).</param>
/// <param name="Quality">The encoder quality of a lossy output.</param>
/// <param name="MsSsim">Its MS-SSIM against the resized image, when <c>--quality auto</c> chose the quality.</param>
public sealed record OutputRecord(string Path, int Width, int Height, long Bytes, bool KeptSize, int? Quality, double? MsSsim)
{
    /// <summary>How many encodes choosing its quality took (a target's tries, a budget's).</summary>
    public int Encodes { get; init; } = 1;

    /// <summary>With a budget and shrink: how much narrower than its box it was made (1: not shrunk).</summary>
    public double Shrunk { get; init; } = 1;
}
