using System.CommandLine;
using Atelier.Labs;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab list</c>: the lessons, one per line.</summary>
internal static class LabListCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the lessons: a name, then what it shows.") { json };
        command.SetAction(parse =>
        {
            LabCommand.UseLanguage(parse);
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
