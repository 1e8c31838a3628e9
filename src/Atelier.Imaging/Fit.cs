namespace Atelier.Imaging;

/// <summary>How an image is fitted to the requested box.</summary>
public enum Fit
{
    /// <summary>Keep the aspect ratio; the whole image fits inside the box.</summary>
    Inside,

    /// <summary>Keep the aspect ratio; the image covers the box and the overflow is cropped (see <see cref="Gravity"/>).</summary>
    Cover,

    /// <summary>Stretch to exactly the box, as the chapter's exercise does.</summary>
    Fill,
}
