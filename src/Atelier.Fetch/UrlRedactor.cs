using System.Text.RegularExpressions;

namespace Atelier.Fetch;

/// <summary>Hides secrets in URLs before they are shown anywhere: user information, and query parameters that carry keys.</summary>
public static partial class UrlRedactor
{
    private const string Hidden = "***";

    /// <summary>The URL with <c>user:password@</c> and secret-looking query values replaced by <c>***</c>.</summary>
    /// <remarks>Works on text, so it also redacts strings that are not valid URLs.</remarks>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.Contains('@', StringComparison.Ordinal) && !url.Contains('=', StringComparison.Ordinal))
        {
            return url;
        }

        var withoutUser = UserInfo().Replace(url, $"$1{Hidden}@", 1);
        return SecretParameter().Replace(withoutUser, $"$1{Hidden}");
    }

    /// <summary>Redacts every URL-looking word in a message, such as an exception's.</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UrlInText().Replace(text, match => Redact(match.Value));
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#@]*@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"([?&](?:access_token|token|api_key|apikey|key|password|passwd|secret|signature|sig|auth|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*://\S+")]
    private static partial Regex UrlInText();
}
