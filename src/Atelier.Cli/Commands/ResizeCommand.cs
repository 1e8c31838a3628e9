using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Cli.Commands.Resize;
using Atelier.Imaging;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier resize</c>: resized copies of many images on every core.</summary>
internal static class ResizeCommand
{
    private const string Description = """
        Make resized copies of many images on every core: upright, sRGB, never enlarged, never half-written.

        Examples:
          atelier resize photos/                       # fitted to 800x600 -> photos/resized/thumb_NAME
          atelier resize -r photos/ -o thumbs --size 320,640,1280 --format webp,jpg --name '{name}-{width}{ext}'
        """;

    public static Command Create()
    {
        var line = new ResizeCommandLine();
        var command = new Command("resize", Description);
        line.All.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var view = BatchView.For(parse.InvocationConfiguration.Error, "resize", parse.GetValue(line.Quiet));
            var resizer = new Resizer(line.Options(parse));
            var results = resizer.ResizeAsync(parse.GetValue(line.Inputs)!, cancellationToken);
            var output = BatchOutput.For(parse, line.Json, line.Report);
            return await ResizeReport.Driver().RunAsync(results, view, _ => ResizeReport.Status(resizer.Totals), output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
