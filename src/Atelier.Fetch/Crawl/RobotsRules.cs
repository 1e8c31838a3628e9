namespace Atelier.Fetch.Crawl;

/// <summary>
/// One host's robots.txt (RFC 9309): the group for <c>atelier</c>, else for <c>*</c>; Allow and Disallow as path
/// patterns with <c>*</c> and a final <c>$</c>; the longest match decides, Allow on a tie. A file that is missing,
/// not text or unreadable allows everything.
/// </summary>
internal sealed class RobotsRules
{
    public static readonly RobotsRules AllowAll = new([]);

    private readonly List<(string Pattern, bool Allow)> rules;

    private RobotsRules(List<(string Pattern, bool Allow)> rules) => this.rules = rules;

    public static RobotsRules Parse(string text)
    {
        Dictionary<string, List<(string, bool)>> groups = new(StringComparer.OrdinalIgnoreCase);
        List<string> agents = [];
        var inRules = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var (field, value) = (line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
            if (field == "user-agent")
            {
                if (inRules)
                {
                    agents.Clear();
                    inRules = false;
                }

                agents.Add(value);
                groups.TryAdd(value, []);
            }
            else if (field is "allow" or "disallow")
            {
                inRules = true;
                if (value.Length > 0)
                {
                    foreach (var agent in agents)
                    {
                        groups[agent].Add((value, field == "allow"));
                    }
                }
            }
        }

        return new RobotsRules(groups.TryGetValue("atelier", out var own) ? own : groups.TryGetValue("*", out var any) ? any : []);
    }

    public bool Allows(Uri url)
    {
        var path = url.PathAndQuery;
        var (length, allow) = (-1, true);
        foreach (var (pattern, allows) in rules)
        {
            if (Matches(path, pattern) && (pattern.Length > length || pattern.Length == length && allows))
            {
                (length, allow) = (pattern.Length, allows);
            }
        }

        return allow;
    }

    private static bool Matches(string path, string pattern)
    {
        var anchored = pattern.EndsWith('$');
        var parts = (anchored ? pattern[..^1] : pattern).Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var found = path.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return !anchored || path.EndsWith(parts[^1], StringComparison.Ordinal) && at <= path.Length;
    }
}
