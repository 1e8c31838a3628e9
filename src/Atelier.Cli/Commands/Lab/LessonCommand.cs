using System.CommandLine;
using Atelier.Cli.Rendering;
using Atelier.Labs;
using Atelier.Labs.Downloads;
using Atelier.Labs.Text;
using Atelier.Processes;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab NAME</c>: a lesson's command, made from what the lesson says of itself.</summary>
internal static class LessonCommand
{
    /// <summary>How a lesson starts its worker processes: this very program, in worker mode.</summary>
    public static WorkerProgram Workers(string lesson) => WorkerProgram.ForCurrentProcess("lab", "worker", lesson);

    public static Command Create(Lesson lesson, Option<string?> language)
    {
        var json = CommonOptions.Json(LabText.Get("Cli.json"));
        var settings = lesson.Settings.Select(setting => (setting, option: Option(setting))).ToList();
        var command = new Command(lesson.Name, lesson.Description) { json };
        foreach (var (_, option) in settings)
        {
            command.Options.Add(option);
        }

        // The downloads lesson's status board is the chapter's live display: on a terminal, a table redrawn in place.
        var quiet = lesson == DownloadsLesson.Definition ? CommonOptions.Quiet(LabText.Get("Cli.quiet")) : null;
        if (quiet is not null)
        {
            command.Options.Add(quiet);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            LabCommand.UseLanguage(parse, language);
            var run = new LessonRun
            {
                Values = settings.Where(s => parse.GetResult(s.option) is { Implicit: false }).ToDictionary(s => s.setting.Name, s => Value(parse, s.option)),
                Workers = Workers,
            };
            var report = quiet is null || parse.GetValue(quiet)
                ? await lesson.RunAsync(run, cancellationToken).ConfigureAwait(false)
                : await DownloadBoardView.RunAsync(parse.InvocationConfiguration.Error, board => lesson.RunAsync(run with { Board = board }, cancellationToken)).ConfigureAwait(false);
            Write(parse.InvocationConfiguration.Output, report, parse.GetValue(json));
            return ExitCode(report);
        });
        return command;
    }

    public static void Write(TextWriter output, LessonReport report, bool json)
    {
        if (json)
        {
            output.WriteLine(report.ToJson());
        }
        else
        {
            LessonRenderer.Render(Terminal.For(output), report);
        }
    }

    /// <summary>2 when an item failed or the experiment did not show what it should; otherwise 0.</summary>
    public static int ExitCode(LessonReport report) =>
        report.Succeeded && report.ItemsFailed == 0 ? ExitCodes.Success : ExitCodes.ItemsFailed;

    private static Option Option(LessonSetting setting) => setting.Default switch
    {
        TimeSpan duration => CommonOptions.Duration($"--{setting.Name}", duration, setting.Description, setting.Longest, about: LabText.Format("Cli.Duration", setting.Description, DurationSyntax.Format(setting.Longest))),
        long number => CommonOptions.Count($"--{setting.Name}", number, setting.Description, setting.Minimum, setting.Maximum),
        bool => new Option<bool>($"--{setting.Name}") { Description = setting.Description },
        _ => throw new ArgumentException($"Setting '{setting.Name}' is neither a number, a duration nor on/off.", nameof(setting)),
    };

    private static object Value(ParseResult parse, Option option) => option switch
    {
        Option<TimeSpan?> duration => parse.GetValue(duration)!.Value,
        Option<long> number => parse.GetValue(number),
        Option<bool> flag => parse.GetValue(flag),
        _ => throw new ArgumentException($"Option '{option.Name}' is neither a number, a duration nor on/off.", nameof(option)),
    };
}
