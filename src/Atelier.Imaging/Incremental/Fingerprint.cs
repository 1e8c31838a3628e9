using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Atelier.Imaging.Incremental;

/// <summary>A short digest of every option that changes an output's pixels or bytes.</summary>
internal static class Fingerprint
{
    public static string Of(ResizeOptions options)
    {
        var text = string.Join('|',
            string.Join(',', options.Sizes),
            string.Join(',', options.Formats),
            options.Fit,
            options.Gravity,
            options.Enlarge,
            options.Quality.ToString(CultureInfo.InvariantCulture),
            options.QualityTarget?.ToString(CultureInfo.InvariantCulture) ?? "",
            options.Progressive,
            options.KeepMetadata,
            string.Join(',', options.Background.Select(b => b.ToString(CultureInfo.InvariantCulture))),
            options.NameTemplate,
            options.MaxBytes?.ToString(CultureInfo.InvariantCulture) ?? "",
            options.ShrinkToBudget,
            options.MinQuality.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
