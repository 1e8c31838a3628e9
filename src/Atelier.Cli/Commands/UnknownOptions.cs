using System.CommandLine;
using System.CommandLine.Parsing;

namespace Atelier.Cli.Commands;

/// <summary>
/// Words that look like options but that no option of the command took: the parser hands them to the command's
/// values (URLs, files, the command to run), where `--limit-rate` would be fetched as a URL. After <c>--</c> every word
/// is a value, as in every Unix tool.
/// </summary>
internal static class UnknownOptions
{
    /// <summary>The first such word on the command line, or null.</summary>
    public static string? Find(ParseResult parse)
    {
        var values = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).ToList();
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                return null;
            }

            if (token.Value.Length > 1 && token.Value[0] == '-' && values.Any(v => ReferenceEquals(v, token)))
            {
                return token.Value;
            }
        }

        return null;
    }
}
