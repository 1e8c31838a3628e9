using System.Net.Http.Headers;
using System.Text;

namespace Atelier.Fetch.Naming;

/// <summary>Where a download's file name comes from, and how any name is made safe to create inside the output folder.</summary>
internal static class FileNames
{
    public const string Fallback = "index.html";
    private const int MaxBytes = 200;

    /// <summary>The name in a Content-Disposition header (RFC 6266: <c>filename*</c> preferred over <c>filename</c>), made safe.</summary>
    public static string? FromContentDisposition(ContentDispositionHeaderValue? disposition)
    {
        if (disposition is null)
        {
            return null;
        }

        // The header parser decodes filename*=UTF-8''... itself; filename may still carry its quotes.
        return Sanitize(disposition.FileNameStar) ?? Sanitize(disposition.FileName?.Trim('"'));
    }

    /// <summary>The last segment of the URL's path, percent-decoded and made safe.</summary>
    public static string? FromUrl(Uri url)
    {
        var path = url.AbsolutePath;
        var segment = path[(path.LastIndexOf('/') + 1)..];
        return Sanitize(Uri.UnescapeDataString(segment));
    }

    /// <summary>
    /// A name that can only ever be a file directly inside the output folder: the last component of any path,
    /// without control characters, not <c>.</c> or <c>..</c>, at most 200 bytes; null when nothing usable is left.
    /// </summary>
    public static string? Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var last = name.Split('/', '\\').LastOrDefault(part => part.Trim().Length > 0) ?? "";
        var clean = new string([.. last.Where(c => !char.IsControl(c))]).Trim().TrimEnd('.');
        if (clean.Length == 0 || clean is "." or "..")
        {
            return null;
        }

        return Shorten(clean);
    }

    /// <summary>The name a request asks for: its path inside the output folder (<see cref="FetchRequest.SaveAs"/>), or its file name.</summary>
    public static string? Asked(FetchRequest request) => SanitizePath(request.SaveAs) ?? Sanitize(request.OutName);

    /// <summary>
    /// A relative path that can only ever be inside the output folder: each part made safe as <see cref="Sanitize"/>
    /// makes a name, empty parts dropped, joined with '/'; null when no part is left.
    /// </summary>
    public static string? SanitizePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var parts = path.Split('/', '\\').Select(Sanitize).OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>The name with a counter before its extension: <c>report.pdf</c> becomes <c>report.1.pdf</c>.</summary>
    public static string Numbered(string name, int number)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 ? $"{name[..dot]}.{number}{name[dot..]}" : $"{name}.{number}";
    }

    private static string Shorten(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
        {
            return name;
        }

        // Keep the extension; cut the stem on a character boundary.
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
        var stem = name[..(name.Length - extension.Length)];
        while (Encoding.UTF8.GetByteCount(stem) + Encoding.UTF8.GetByteCount(extension) > MaxBytes)
        {
            stem = stem[..^(char.IsLowSurrogate(stem[^1]) ? 2 : 1)];
        }

        return stem + extension;
    }
}
