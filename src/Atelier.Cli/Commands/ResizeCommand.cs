using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Cli.Commands.Resize;
using Atelier.Imaging;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier resize</c>: resized copies of many images on every core.</summary>
internal static class ResizeCommand
{
    public static Command Create()
    {
        var line = new ResizeCommandLine();
        return BatchCommand.Create("resize", Description, line, (parse, _, cancellationToken) =>
        {
            var options = line.Options(parse);
            var resizer = new Resizer(options);
            return new BatchRun<ResizeResult>(resizer.ResizeAsync(parse.GetValue(line.Inputs)!, cancellationToken), ResizeReport.Driver(resizer, options.MaxBytes is not null), _ => ResizeReport.Status(resizer.Totals));
        });
    }

    private const string Description = """
        Make resized copies of many images on every core: upright, sRGB, never enlarged, never half-written.

        Examples:
          atelier resize photos/                       # fitted to 800x600 -> photos/resized/thumb_NAME
          atelier resize -r photos/ -o thumbs --size 320,640,1280 --format webp,jpg --name '{name}-{width}{ext}'
          atelier resize --quality auto photos/        # per image, the lowest quality that still looks right
        """;
}
