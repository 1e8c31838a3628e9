namespace Atelier.Imaging;

/// <summary>Which part of the image <see cref="Fit.Cover"/> keeps.</summary>
public enum Gravity
{
    /// <summary>The centre.</summary>
    Centre,

    /// <summary>The region libvips finds most interesting (skin tones, saturation, edges).</summary>
    Attention,

    /// <summary>The region with the most detail.</summary>
    Entropy,
}
