using System.CommandLine;
using Atelier.Labs.Errors;

namespace Atelier.Cli.Commands.Lab;

/// <summary><c>atelier lab errors</c>.</summary>
internal static class LabErrorsCommand
{
    public static Command Create()
    {
        var defaults = new ErrorsOptions();
        var items = CommonOptions.Count("--items", defaults.Items, "How many orders the batch processes.");
        var failEvery = CommonOptions.Count("--fail-every", defaults.FailEvery, "Every Nth order is bad (0: none).", minimum: 0);
        var workers = CommonOptions.Count("--workers", defaults.Workers, "How many orders are processed at once.");
        return LessonCommand.Create("errors", [items, failEvery, workers], async (parse, cancellationToken) =>
            await ErrorsLesson.RunAsync(
                new ErrorsOptions { Items = parse.GetValue(items), FailEvery = parse.GetValue(failEvery), Workers = parse.GetValue(workers) },
                cancellationToken).ConfigureAwait(false));
    }
}
