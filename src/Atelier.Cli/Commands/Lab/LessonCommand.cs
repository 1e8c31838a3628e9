using System.CommandLine;
using Atelier.Cli.Rendering;
using Atelier.Labs;

namespace Atelier.Cli.Commands.Lab;

/// <summary>What every lesson command shares: its description, <c>--json</c>, the report, the exit code.</summary>
internal static class LessonCommand
{
    public static Command Create(string name, IReadOnlyList<Option> options, Func<ParseResult, CancellationToken, Task<LessonReport>> run)
    {
        var json = CommonOptions.Json();
        var command = new Command(name, Lessons.All.Single(l => l.Name == name).Description) { json };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await run(parse, cancellationToken).ConfigureAwait(false);
            Write(parse.InvocationConfiguration.Output, report, parse.GetValue(json));
            return ExitCode(report);
        });
        return command;
    }

    public static void Write(TextWriter output, LessonReport report, bool json)
    {
        if (json)
        {
            output.WriteLine(LabJsonContext.Serialize(report));
        }
        else
        {
            LessonRenderer.Render(Terminal.For(output), report);
        }
    }

    /// <summary>2 when an item failed or the experiment did not show what it should; otherwise 0.</summary>
    public static int ExitCode(LessonReport report) =>
        report.Succeeded && report.ItemsFailed == 0 ? ExitCodes.Success : ExitCodes.ItemsFailed;
}
