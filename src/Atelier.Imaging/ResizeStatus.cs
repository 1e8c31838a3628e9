namespace Atelier.Imaging;

/// <summary>How an input ended.</summary>
public enum ResizeStatus
{
    /// <summary>Every output was written.</summary>
    Resized,

    /// <summary>Nothing to do: not an image format, or its outputs are up to date.</summary>
    Skipped,

    /// <summary>
    /// It could not be read or written, and no output of it was left behind; or some of its outputs were over the byte
    /// budget at the lowest quality allowed, and only the others were written.
    /// </summary>
    Failed,

    /// <summary>Interrupted.</summary>
    Canceled,
}
