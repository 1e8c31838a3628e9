using System.CommandLine;
using Atelier.Cli.Commands.Lab;
using Atelier.Labs;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier lab</c>: the chapter's lessons, each a small measured experiment.</summary>
internal static class LabCommand
{
    /// <summary><c>--lang</c>, on <c>lab</c> and every lesson: the language of the lessons' text.</summary>
    public static Option<string?> Language { get; } = LanguageOption();

    /// <summary>Sets this run's lesson language: <c>--lang</c>, else what LC_ALL, LC_MESSAGES or LANG ask for.</summary>
    public static void UseLanguage(ParseResult parse) =>
        Atelier.Labs.Text.LabText.Language = parse.GetValue(Language) ?? Atelier.Labs.Text.LabText.FromEnvironment(Environment.GetEnvironmentVariable);

    private static Option<string?> LanguageOption()
    {
        var option = new Option<string?>("--lang")
        {
            Description = $"The lessons' language: {string.Join(" or ", Atelier.Labs.Text.LabText.Available)}. [default: from LC_ALL, LC_MESSAGES or LANG, else en]",
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } language && !Atelier.Labs.Text.LabText.Available.Contains(language))
            {
                result.AddError($"--lang '{language}' is not a language the lessons are written in: {string.Join(", ", Atelier.Labs.Text.LabText.Available)}.");
            }
        });
        return option;
    }

    public static Command Create()
    {
        var command = new Command("lab", "The chapter's lessons on threads, locks, queues and processes, as measured experiments.") { Language, LabListCommand.Create() };
        foreach (var lesson in Lessons.All)
        {
            command.Subcommands.Add(LessonCommand.Create(lesson));
        }

        command.Subcommands.Add(LabTourCommand.Create());
        command.Subcommands.Add(LabWorkerCommand.Create());
        return command;
    }
}
