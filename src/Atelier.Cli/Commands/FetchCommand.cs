using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Cli.Commands.Fetch;
using Atelier.Fetch;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier fetch</c>: download many URLs at once, safely and resumably.</summary>
internal static class FetchCommand
{
    private const string Description = """
        Download many URLs at once: bounded, resumable, retried, never a half-written file.

        Examples:
          atelier fetch https://example.com/a.iso https://example.com/b.iso
          atelier fetch -i urls.txt -o downloads -j 16 --report fetch.jsonl
          atelier fetch --continue -i urls.txt -o downloads      # after Ctrl-C: finish the .part files
        """;

    public static Command Create()
    {
        var line = new FetchCommandLine();
        var command = new Command("fetch", Description);
        line.All.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var view = BatchView.For(parse.InvocationConfiguration.Error, "fetch", parse.GetValue(line.Quiet));
            var requests = FetchInputs.Open(parse.GetValue(line.Urls) ?? [], parse.GetValue(line.Input));
            using var downloader = new Downloader(line.Options(parse, new FetchProgressView(view)));
            var output = BatchOutput.For(parse, line.Json, line.Report);
            return await FetchReport.Driver(downloader).RunAsync(
                downloader.FetchAsync(requests, cancellationToken), view, _ => FetchReport.Status(downloader.Totals), output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
