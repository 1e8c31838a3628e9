namespace Atelier.Imaging.Processing;

/// <summary>A quality <see cref="QualitySearch"/> chose: the encoder quality, the MS-SSIM it scored, and the encoded bytes.</summary>
internal sealed record QualityChoice(int Quality, double Score, byte[] Bytes);
