namespace Atelier.Imaging;

/// <summary>The tiny placeholder a manifest carries for each image, to show while the real one loads.</summary>
public enum PlaceholderKind
{
    /// <summary>None.</summary>
    None,

    /// <summary>ThumbHash (Evan Wallace's): about 25 bytes, keeps the aspect ratio and alpha; base64 in the manifest.</summary>
    ThumbHash,

    /// <summary>BlurHash (Wolt's), 4x3 components: about 28 characters.</summary>
    BlurHash,
}
