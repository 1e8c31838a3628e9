using System.CommandLine;
using System.CommandLine.Invocation;

namespace Atelier.Cli.Commands;

/// <summary>
/// "Did you mean": System.CommandLine's own typo corrections for a word no command or option of
/// a command took. They are asked of a probe with the same names and no arguments, as a command that
/// takes values (fetch's URLs, run's command) would take the word as a value and have nothing to correct.
/// </summary>
internal static class Suggestions
{
    /// <summary>" Did you mean 'fetch'?" (or "'a' or 'b'"), or an empty string when nothing is close.</summary>
    public static string For(Command command, string word)
    {
        var probe = new RootCommand();
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            probe.Subcommands.Add(new Command(sub.Name));
        }

        foreach (var option in command.Options.Where(o => !o.Hidden && o.Name.StartsWith('-')))
        {
            var copy = new Option<bool>(option.Name);
            foreach (var alias in option.Aliases)
            {
                copy.Aliases.Add(alias);
            }

            probe.Options.Add(copy);
        }

        var parse = probe.Parse([word]);
        if (parse.Action is not ParseErrorAction action)
        {
            return "";
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        using var output = new StringWriter();
        parse.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });

        // What it writes: "'fecth' was not matched. Did you mean one of the following?", then one name per line.
        // Its distance is generous ('--bogus' would get '--jobs'): keep the names that begin as the word does.
        var names = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Where(name => name.TrimStart('-').FirstOrDefault() == word.TrimStart('-').FirstOrDefault())
            .Take(3)
            .ToList();
        return names.Count == 0 ? "" : $" Did you mean {string.Join(" or ", names.Select(n => $"'{n}'"))}?";
    }
}
