using System.CommandLine;
using Atelier.Labs.Race;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab race</c>.</summary>
internal static class LabRaceCommand
{
    public static Command Create()
    {
        var defaults = new RaceOptions();
        var threads = CommonOptions.Count("--threads", defaults.Threads, "How many threads share the counter.");
        var increments = CommonOptions.Count("--increments", defaults.Increments, "How many increments each thread makes.");
        return LessonCommand.Create("race", [threads, increments], async (parse, cancellationToken) =>
            await RaceLesson.RunAsync(new RaceOptions { Threads = parse.GetValue(threads), Increments = parse.GetValue(increments) }, cancellationToken).ConfigureAwait(false));
    }
}
