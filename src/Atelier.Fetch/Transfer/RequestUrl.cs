using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;

namespace Atelier.Fetch.Transfer;

/// <summary>Checks a URL and takes any credentials out of it, to travel as a Basic Authorization header instead.</summary>
internal static class RequestUrl
{
    /// <summary>Checks a URL; credentials in it, or else the netrc's login for its host, become the Authorization header.</summary>
    public static bool TryParse(
        string text,
        Credentials.Netrc? netrc,
        [NotNullWhen(true)] out Uri? url,
        out AuthenticationHeaderValue? authorization,
        [NotNullWhen(false)] out string? problem)
    {
        if (!TryParse(text, out url, out authorization, out problem))
        {
            return false;
        }

        if (authorization is null && netrc?.For(url.Host) is { } login)
        {
            authorization = Basic($"{login.Name}:{login.Password}");
        }

        return true;
    }

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out Uri? url,
        out AuthenticationHeaderValue? authorization,
        [NotNullWhen(false)] out string? problem)
    {
        authorization = null;
        url = null;
        if (!Uri.TryCreate(WithScheme(text.Trim()), UriKind.Absolute, out var parsed) || parsed.IsFile || string.IsNullOrEmpty(parsed.Host))
        {
            problem = parsed is { IsFile: true }
                ? $"'{UrlRedactor.Redact(text)}' is a file path, not a URL"
                : $"'{UrlRedactor.Redact(text)}' is not a URL";
            return false;
        }

        if (parsed.Scheme is not ("http" or "https"))
        {
            problem = $"unsupported scheme '{parsed.Scheme}' in '{UrlRedactor.Redact(text)}' (http and https are)";
            return false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            var credentials = Uri.UnescapeDataString(parsed.UserInfo);
            authorization = Basic(credentials);
            parsed = new UriBuilder(parsed) { UserName = "", Password = "" }.Uri;
        }

        url = parsed;
        problem = null;
        return true;
    }

    /// <summary>
    /// A URL without a scheme is http, as curl and wget take it (<c>example.com/a</c>, <c>127.0.0.1:8080/a</c>); a path
    /// (<c>/etc/passwd</c>, <c>./a</c>, <c>~/a</c>) stays one, to be refused as such.
    /// </summary>
    private static string WithScheme(string text) =>
        text.Contains("://", StringComparison.Ordinal) || text.Length == 0 || text[0] is '/' or '.' or '~' || text.Any(char.IsWhiteSpace)
            ? text
            : "http://" + text;

    private static AuthenticationHeaderValue Basic(string credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
}
