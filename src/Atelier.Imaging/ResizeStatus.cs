namespace Atelier.Imaging;

/// <summary>How an input ended.</summary>
public enum ResizeStatus
{
    /// <summary>Every output was written.</summary>
    Resized,

    /// <summary>Nothing to do: not an image format, or its outputs are up to date.</summary>
    Skipped,

    /// <summary>It could not be read or written; no output of it was left behind.</summary>
    Failed,

    /// <summary>Interrupted.</summary>
    Canceled,
}
