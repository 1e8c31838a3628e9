using System.CommandLine;
using Atelier.Cli.Rendering;
using Atelier.Labs;
using Atelier.Labs.Text;
using Spectre.Console;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab tour</c>: every lesson in the chapter's order, with its defaults.</summary>
internal static class LabTourCommand
{
    public static Command Create(Option<string?> language)
    {
        var json = CommonOptions.Json(LabText.Get("Cli.json"));
        var command = new Command("tour", LabText.Get("Cli.lab.tour")) { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            LabCommand.UseLanguage(parse, language);
            var output = parse.InvocationConfiguration.Output;
            var console = Terminal.For(output);
            var missed = new List<string>();
            foreach (var lesson in Lessons.All)
            {
                if (!parse.GetValue(json))
                {
                    Heading(console, output, lesson);
                }

                var report = await lesson.RunAsync(new LessonRun { Workers = LessonCommand.Workers }, cancellationToken).ConfigureAwait(false);
                LessonCommand.Write(output, report, parse.GetValue(json));
                if (!report.Succeeded)
                {
                    missed.Add(lesson.Name);
                }
            }

            if (missed.Count > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"atelier: these lessons did not show what they should: {string.Join(", ", missed)}.").ConfigureAwait(false);
                return ExitCodes.ItemsFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Heading(IAnsiConsole console, TextWriter output, Lesson lesson)
    {
        if (Terminal.IsInteractive(output))
        {
            console.Write(new Rule($"[bold]{lesson.Name}[/]: {Markup.Escape(lesson.Description)}") { Justification = Justify.Left });
        }
        else
        {
            output.WriteLine($"== {lesson.Name}: {lesson.Description}");
        }
    }
}
