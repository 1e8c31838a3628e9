using System.Globalization;
using System.Net;
using System.Text;

namespace Atelier.Fetch.Credentials;

/// <summary>
/// Cookies in the Netscape cookie file format that curl (<c>-b</c>/<c>-c</c>), wget (<c>--load-cookies</c>/
/// <c>--save-cookies</c>) and aria2 read and write: one cookie per line, seven TAB-separated fields (domain, whether
/// subdomains match, path, secure, expiry in Unix seconds with 0 for a session cookie, name, value), <c>#</c> comments,
/// and the <c>#HttpOnly_</c> prefix on the domain of an HTTP-only cookie.
/// </summary>
/// <remarks>
/// One jar is shared by every connection of a run: a cookie one response sets goes with the next request to that
/// site. The file is written back when the run ends (beside it, then renamed over it), with session cookies kept, as
/// curl does, and expired ones dropped. Cookie values are never printed.
/// </remarks>
public sealed class CookieJar
{
    private const string HttpOnlyPrefix = "#HttpOnly_";

    private CookieJar(string path, CookieContainer cookies)
    {
        Path = path;
        Cookies = cookies;
    }

    /// <summary>The file the jar was read from and is written to.</summary>
    public string Path { get; }

    internal CookieContainer Cookies { get; }

    /// <summary>Reads a cookie file; a file that does not exist yet is an empty jar, created when the run ends.</summary>
    /// <exception cref="AtelierException">The file cannot be read, or a line is not a cookie.</exception>
    public static CookieJar Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var cookies = new CookieContainer();
        if (!File.Exists(path))
        {
            return new CookieJar(path, cookies);
        }

        try
        {
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (Parse(line) is { } cookie)
                {
                    cookies.Add(cookie);
                }
                else if (!IsBlankOrComment(line))
                {
                    throw new AtelierException($"'{path}' line {number} is not a cookie (domain, subdomains, path, secure, expiry, name, value, separated by TABs)");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot read the cookie file '{path}': {e.Message}", e);
        }
        catch (CookieException e)
        {
            throw new AtelierException($"'{path}' holds a cookie .NET refuses: {e.Message}", e);
        }

        return new CookieJar(path, cookies);
    }

    /// <summary>Writes the jar back: to a file beside it first, then renamed over it.</summary>
    /// <exception cref="AtelierException">The file cannot be written.</exception>
    public void Save()
    {
        var text = new StringBuilder("# Netscape HTTP Cookie File\n# Written by atelier fetch --cookies.\n");
        foreach (var cookie in Cookies.GetAllCookies().OrderBy(c => c.Domain, StringComparer.Ordinal).ThenBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (!cookie.Expired)
            {
                text.Append(Format(cookie)).Append('\n');
            }
        }

        var part = Path + ".part";
        try
        {
            File.WriteAllText(part, text.ToString());
            File.Move(part, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AtelierException($"Cannot write the cookie file '{Path}': {e.Message}", e);
        }
    }

    /// <summary>One line of a cookie file as a cookie; null for anything else (comments, blank or malformed lines).</summary>
    internal static Cookie? Parse(string line)
    {
        var httpOnly = line.StartsWith(HttpOnlyPrefix, StringComparison.Ordinal);
        var text = httpOnly ? line.AsSpan(HttpOnlyPrefix.Length) : line.AsSpan();
        Span<Range> fields = stackalloc Range[8];
        if (text.IsEmpty || text[0] == '#' || text.Split(fields, '\t') != 7)
        {
            return null;
        }

        var domain = text[fields[0]].Trim();
        var path = text[fields[2]];
        if (domain.IsEmpty
            || !TryParseFlag(text[fields[1]], out var subdomains)
            || !TryParseFlag(text[fields[3]], out var secure)
            || !long.TryParse(text[fields[4]], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            || text[fields[5]].IsEmpty)
        {
            return null;
        }

        // A leading dot is what makes a cookie match subdomains, for .NET as for the file's second field.
        var host = domain.TrimStart('.').ToString();
        return new Cookie(text[fields[5]].ToString(), text[fields[6]].ToString(), path.IsEmpty ? "/" : path.ToString(), subdomains ? "." + host : host)
        {
            Secure = secure,
            HttpOnly = httpOnly,
            Expires = expiry == 0 ? DateTime.MinValue : DateTime.UnixEpoch.AddSeconds(Math.Min(expiry, 253402300799)),
        };
    }

    internal static string Format(Cookie cookie)
    {
        var subdomains = cookie.Domain.StartsWith('.');
        var expiry = cookie.Expires == DateTime.MinValue ? 0 : new DateTimeOffset(cookie.Expires.ToUniversalTime()).ToUnixTimeSeconds();
        return string.Join('\t', [
            (cookie.HttpOnly ? HttpOnlyPrefix : "") + cookie.Domain,
            subdomains ? "TRUE" : "FALSE",
            cookie.Path,
            cookie.Secure ? "TRUE" : "FALSE",
            expiry.ToString(CultureInfo.InvariantCulture),
            cookie.Name,
            cookie.Value,
        ]);
    }

    private static bool IsBlankOrComment(string line) => line.AsSpan().Trim().IsEmpty || line.StartsWith('#');

    private static bool TryParseFlag(ReadOnlySpan<char> text, out bool value)
    {
        value = text.Equals("TRUE", StringComparison.OrdinalIgnoreCase);
        return value || text.Equals("FALSE", StringComparison.OrdinalIgnoreCase);
    }
}
