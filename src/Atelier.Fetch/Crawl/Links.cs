using System.Buffers;
using System.Text.RegularExpressions;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace Atelier.Fetch.Crawl;

/// <summary>A link found in a page: the URL as written, and whether the page needs it to be shown (an image, a stylesheet, a script).</summary>
internal readonly record struct Link(string Url, bool Requisite);

/// <summary>
/// The links of a saved page, read with AngleSharp's HTML5 tokenizer (no DOM): <c>a</c>/<c>area href</c>,
/// <c>img src</c>/<c>srcset</c>, <c>link href</c>, <c>script src</c>, <c>source src</c>/<c>srcset</c>,
/// <c>iframe</c>/<c>frame</c>/<c>embed src</c>, <c>video poster</c>, <c>object data</c>, <c>&lt;base href&gt;</c>, meta refresh,
/// style attributes and elements; and <c>url(...)</c> and <c>@import</c> in stylesheets.
/// </summary>
/// <remarks>
/// Memory stays bounded whatever the page's size: it is read in pieces of about <see cref="Piece"/> characters, each
/// ending before a '&lt;' so that no tag is cut, and the tokenizer goes on in the mode the last piece left it in (script,
/// style, title...). A piece cut inside a comment reads the rest of the comment as markup: a link commented out there may be
/// followed.
/// </remarks>
internal static partial class Links
{
    public const int Piece = 1 << 20;

    /// <summary>The links of an HTML page, and the base URL it declares (null when none).</summary>
    /// <param name="page">The page's text.</param>
    /// <param name="baseUrl">Told the URL of a <c>&lt;base href&gt;</c>.</param>
    /// <param name="size">The page's size, when known: a small page borrows a small buffer.</param>
    public static IEnumerable<Link> FromHtml(TextReader page, Action<string>? baseUrl = null, long size = Piece)
    {
        // Borrowed, not allocated: a crawl reads thousands of pages, and a megabyte each would be garbage on the large-object heap.
        var buffer = ArrayPool<char>.Shared.Rent((int)Math.Clamp(size + 1, 1024, Piece));
        try
        {
            foreach (var link in FromHtml(page, buffer, baseUrl))
            {
                yield return link;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static IEnumerable<Link> FromHtml(TextReader page, char[] buffer, Action<string>? baseUrl)
    {
        var carried = 0;
        var mode = HtmlParseMode.PCData;
        while (true)
        {
            var read = page.ReadBlock(buffer, carried, buffer.Length - carried);
            var end = carried + read;
            if (end == 0)
            {
                yield break;
            }

            // Up to the last '<' (or all of it at the end, or when there is none to cut at).
            var cut = read == 0 ? end : Array.LastIndexOf(buffer, '<', end - 1, end);
            if (cut <= 0)
            {
                cut = end;
            }

            var found = new List<Link>();
            mode = Tokenize(new string(buffer, 0, cut), mode, found, baseUrl);
            foreach (var link in found)
            {
                yield return link;
            }

            carried = end - cut;
            Array.Copy(buffer, cut, buffer, 0, carried);
            if (read == 0 && carried == 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Whether a file starts as an HTML page does (a doctype or an html element), for files that came without a media type.</summary>
    public static bool LooksLikeHtml(string path)
    {
        Span<byte> head = stackalloc byte[256];
        using var file = File.OpenRead(path);
        var start = System.Text.Encoding.UTF8.GetString(head[..file.Read(head)]).TrimStart().ToLowerInvariant();
        return start.StartsWith("<!doctype html", StringComparison.Ordinal) || start.StartsWith("<html", StringComparison.Ordinal);
    }

    /// <summary>The links of a stylesheet: <c>url(...)</c> and <c>@import "..."</c>, all requisites.</summary>
    public static IEnumerable<Link> FromCss(string css)
    {
        foreach (Match match in CssUrl().Matches(css))
        {
            var url = match.Groups["url"].Value.Trim();
            if (url.Length > 0 && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                yield return new Link(url, Requisite: true);
            }
        }
    }

    /// <summary>The tokenizer's mode after a start tag, as the tree builder would set it: the text of these elements is not markup.</summary>
    public static HtmlParseMode ModeAfter(string tag, HtmlParseMode mode) => tag switch
    {
        "script" => HtmlParseMode.Script,
        "style" or "xmp" or "iframe" or "noembed" or "noframes" => HtmlParseMode.Rawtext,
        "title" or "textarea" => HtmlParseMode.RCData,
        "plaintext" => HtmlParseMode.Plaintext,
        _ => mode,
    };

    private static HtmlParseMode Tokenize(string text, HtmlParseMode mode, List<Link> found, Action<string>? baseUrl)
    {
        var tokenizer = new HtmlTokenizer(new TextSource(text), HtmlEntityProvider.Resolver) { State = mode };
        while (true)
        {
            var token = tokenizer.Get();
            switch (token.Type)
            {
                case HtmlTokenType.EndOfFile:
                    return tokenizer.State;
                case HtmlTokenType.StartTag:
                    var tag = (HtmlTagToken)token;
                    Element(tag, found, baseUrl);

                    tokenizer.State = ModeAfter(tag.Name, tokenizer.State);
                    break;
                case HtmlTokenType.Character when mode == HtmlParseMode.Rawtext || tokenizer.State == HtmlParseMode.Rawtext:
                    // The text of a style element.
                    found.AddRange(FromCss(token.Data));
                    break;
            }

            mode = tokenizer.State;
        }
    }

    private static void Element(HtmlTagToken tag, List<Link> found, Action<string>? baseUrl)
    {
        string? Attribute(string name) => tag.GetAttribute(name) is { Length: > 0 } value ? value : null;
        void Add(string? url, bool requisite)
        {
            if (url is not null && !url.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
                && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new Link(url, requisite));
            }
        }

        void AddSet(string? srcset)
        {
            // "a.jpg 1x, b.jpg 2x": each candidate's URL is its first word.
            foreach (var candidate in (srcset ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Add(candidate.Split(' ', 2)[0], requisite: true);
            }
        }

        switch (tag.Name)
        {
            case "a" or "area":
                Add(Attribute("href"), requisite: false);
                break;
            case "base" when Attribute("href") is { } href:
                baseUrl?.Invoke(href);
                break;
            case "link":
                var relation = (Attribute("rel") ?? "").ToLowerInvariant();
                Add(Attribute("href"), requisite: relation.Contains("stylesheet", StringComparison.Ordinal) || relation.Contains("icon", StringComparison.Ordinal) || relation.Contains("preload", StringComparison.Ordinal));
                break;
            case "img" or "source":
                Add(Attribute("src"), requisite: true);
                AddSet(Attribute("srcset"));
                break;
            case "script" or "embed" or "input" or "track" or "audio":
                Add(Attribute("src"), requisite: true);
                break;
            case "video":
                Add(Attribute("src"), requisite: true);
                Add(Attribute("poster"), requisite: true);
                break;
            case "iframe" or "frame":
                Add(Attribute("src"), requisite: true);
                break;
            case "object":
                Add(Attribute("data"), requisite: true);
                break;
            case "body" or "table" or "td" or "th":
                Add(Attribute("background"), requisite: true);
                break;
            case "meta" when string.Equals(Attribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase) && Attribute("content") is { } content:
                // "5; url=next.html"
                var at = content.IndexOf("url=", StringComparison.OrdinalIgnoreCase);
                Add(at < 0 ? null : content[(at + 4)..].Trim().Trim('\'', '"'), requisite: false);
                break;
        }

        if (Attribute("style") is { } style)
        {
            found.AddRange(FromCss(style));
        }
    }

    [GeneratedRegex(@"url\(\s*(?<q>['""]?)(?<url>[^'""()]*?)\k<q>\s*\)|@import\s+(?<q2>['""])(?<url>[^'""]*)\k<q2>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CssUrl();
}
