using System.CommandLine;
using Atelier.Labs;
using Atelier.Labs.Text;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab list</c>: the lessons, one per line.</summary>
internal static class LabListCommand
{
    public static Command Create(Option<string?> language)
    {
        var json = CommonOptions.Json(LabText.Get("Cli.json"));
        var command = new Command("list", LabText.Get("Cli.lab.list")) { json };
        command.SetAction(parse =>
        {
            LabCommand.UseLanguage(parse, language);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(Lessons.ToJson());
                return ExitCodes.Success;
            }

            var width = Lessons.All.Max(l => l.Name.Length);
            foreach (var lesson in Lessons.All)
            {
                output.WriteLine($"{lesson.Name.PadRight(width)}  {lesson.Description}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
