using System.CommandLine;
using Atelier.Cli.Commands.Lab;
using Atelier.Labs;
using Atelier.Labs.Text;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier lab</c>: the chapter's lessons, each a small measured experiment.</summary>
internal static class LabCommand
{
    /// <summary>Sets this run's lesson language: <c>--lang</c>, else what LC_ALL, LC_MESSAGES or LANG ask for.</summary>
    public static void UseLanguage(ParseResult parse, Option<string?> language) =>
        LabText.Language = parse.GetValue(language) ?? LabText.FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>
    /// The language <paramref name="args"/> ask for with <c>--lang</c>, else the environment's: what the commands' help is
    /// written in, which is made before the words are parsed. A language without a file is left to the parser to refuse.
    /// </summary>
    private static string LanguageOf(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count && args[i] != "--"; i++)
        {
            var given = args[i] == "--lang" && i + 1 < args.Count ? args[i + 1]
                : args[i].StartsWith("--lang=", StringComparison.Ordinal) || args[i].StartsWith("--lang:", StringComparison.Ordinal) ? args[i][7..]
                : null;
            if (given is not null && LabText.Available.Contains(given))
            {
                return given;
            }
        }

        return LabText.FromEnvironment(Environment.GetEnvironmentVariable);
    }

    private static Option<string?> LanguageOption()
    {
        var option = new Option<string?>("--lang")
        {
            Description = LabText.Format("Cli.lang", string.Join(LabText.Get("Cli.lang.or"), LabText.Available)),
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } language && !LabText.Available.Contains(language))
            {
                result.AddError($"--lang '{language}' is not a language the lessons are written in: {string.Join(", ", LabText.Available)}.");
            }
        });
        return option;
    }

    /// <summary>The command, its help in the language <paramref name="args"/> or the environment ask for.</summary>
    public static Command Create(IReadOnlyList<string> args)
    {
        LabText.Language = LanguageOf(args);
        var language = LanguageOption();
        var command = new Command("lab", LabText.Get("Cli.lab")) { language, LabListCommand.Create(language) };
        foreach (var lesson in Lessons.All)
        {
            command.Subcommands.Add(LessonCommand.Create(lesson, language));
        }

        command.Subcommands.Add(LabTourCommand.Create(language));
        command.Subcommands.Add(LabWorkerCommand.Create());
        return command;
    }
}
