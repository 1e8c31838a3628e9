using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace Atelier.Fetch.Crawl;

/// <summary>
/// wget's <c>-k</c>, once the crawl is over: in every saved page and stylesheet, a link to a file that was saved
/// becomes the relative path to it, and any other link the absolute URL, so the copy browses offline and still
/// reaches what was not saved. Each file is rewritten beside itself and renamed over. Pages over 32 MiB are left as
/// they are (they would be read whole).
/// </summary>
internal static partial class LinkConverter
{
    private const long Largest = 32L << 20;

    private static readonly HashSet<string> LinkAttributes = ["href", "src", "poster", "data", "background"];

    public static void Run(Frontier frontier, string folder)
    {
        long after = 0;
        while (frontier.Saved(after, 256) is { Count: > 0 } batch)
        {
            foreach (var (id, url, relative) in batch)
            {
                after = id;
                var path = Path.Combine(folder, relative);
                var extension = Path.GetExtension(relative).ToLowerInvariant();
                if (!File.Exists(path) || new FileInfo(path).Length > Largest || extension is not (".html" or ".htm" or ".css") && !Links.LooksLikeHtml(path))
                {
                    continue;
                }

                var text = File.ReadAllText(path);
                var converted = extension == ".css" ? ConvertCss(text, link => Target(frontier, url, relative, link)) : ConvertHtml(text, link => Target(frontier, url, relative, link));
                if (!ReferenceEquals(converted, text))
                {
                    var temporary = path + ".part";
                    File.WriteAllText(temporary, converted);
                    File.Move(temporary, path, overwrite: true);
                }
            }
        }
    }

    /// <summary>What a link in the page at <paramref name="page"/> becomes: a relative path to the saved file, else the absolute URL; null to leave it.</summary>
    private static string? Target(Frontier frontier, Uri page, string pagePath, string link)
    {
        var fragment = link.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? link[hash..] : "";
        if (link.StartsWith('#') || CrawlUrls.Resolve(page, link) is not { } url)
        {
            return null;
        }

        if (frontier.SavedPath(url) is { } saved)
        {
            var from = Path.GetDirectoryName(pagePath.Replace('/', Path.DirectorySeparatorChar)) ?? "";
            var relative = Path.GetRelativePath(from.Length == 0 ? "." : from, saved.Replace('/', Path.DirectorySeparatorChar)).Replace('\\', '/');
            return string.Join('/', relative.Split('/').Select(part => part == ".." ? part : Uri.EscapeDataString(part))) + fragment;
        }

        return url + fragment;
    }

    private static string ConvertHtml(string text, Func<string, string?> target)
    {
        var edits = new List<(int Start, int Length, string Value)>();
        var tokenizer = new HtmlTokenizer(new TextSource(text), HtmlEntityProvider.Resolver);
        while (tokenizer.Get() is { Type: not HtmlTokenType.EndOfFile } token)
        {
            if (token is not HtmlTagToken { Type: HtmlTokenType.StartTag } tag)
            {
                continue;
            }

            tokenizer.State = Links.ModeAfter(tag.Name, tokenizer.State);
            foreach (var attribute in tag.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                var isSet = name == "srcset";
                if ((!LinkAttributes.Contains(name) && !isSet) || tag.Name == "base" || ValueSpan(text, attribute.Position.Position - 1) is not { } span)
                {
                    continue;
                }

                var value = isSet ? ConvertSet(attribute.Value, target) : target(attribute.Value);
                if (value is not null && value != attribute.Value)
                {
                    edits.Add((span.Start, span.Length, System.Net.WebUtility.HtmlEncode(value)));
                }
            }
        }

        if (edits.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 64 * edits.Count);
        var at = 0;
        foreach (var (start, length, value) in edits.OrderBy(e => e.Start))
        {
            if (start < at)
            {
                continue;
            }

            result.Append(text, at, start - at).Append(value);
            at = start + length;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    private static string? ConvertSet(string set, Func<string, string?> target) => string.Join(", ", set.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(candidate =>
    {
        var parts = candidate.Split(' ', 2);
        return (target(parts[0]) ?? parts[0]) + (parts.Length > 1 ? " " + parts[1] : "");
    }));

    /// <summary>Where the value of the attribute whose name starts at <paramref name="at"/> is in the text: after '=', inside its quotes.</summary>
    private static (int Start, int Length)? ValueSpan(string text, int at)
    {
        var i = at;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '>' or '/'))
        {
            i++;
        }

        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '=')
        {
            return null;
        }

        i++;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] is '"' or '\'')
        {
            var end = text.IndexOf(text[i], i + 1);
            return end < 0 ? null : (i + 1, end - i - 1);
        }

        var stop = i;
        while (stop < text.Length && !char.IsWhiteSpace(text[stop]) && text[stop] != '>')
        {
            stop++;
        }

        return (i, stop - i);
    }

    private static string ConvertCss(string css, Func<string, string?> target) =>
        CssUrl().Replace(css, match => target(match.Groups["url"].Value.Trim()) is { } value ? $"url(\"{value}\")" : match.Value);

    [GeneratedRegex(@"url\(\s*(?<q>['""]?)(?<url>[^'""()]*?)\k<q>\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CssUrl();
}
