using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Cli.Commands.Fetch;
using Atelier.Fetch;
using Atelier.Fetch.Crawl;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier fetch</c>: download many URLs at once, safely and resumably.</summary>
internal static class FetchCommand
{
    public static Command Create(Stream input)
    {
        var line = new FetchCommandLine();
        return BatchCommand.Create("fetch", Description, line, (parse, view, cancellationToken) =>
        {
            if (parse.GetValue(line.Recursive))
            {
                return Crawl(parse, line, view, cancellationToken);
            }

            if (line.CrawlOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } crawlOnly)
            {
                throw new AtelierException($"{crawlOnly.Name} goes with -r (--recursive).");
            }

            var requests = FetchInputs.Open(parse.GetValue(line.Urls) ?? [], parse.GetValue(line.Input), input);
            var downloader = new Downloader(line.Options(parse, new FetchProgressView(view)));
            return new BatchRun<FetchResult>(downloader.FetchAsync(requests, cancellationToken), FetchReport.Driver(downloader, parse.GetValue(line.Check)), _ => FetchReport.Status(downloader.Totals), downloader);
        });
    }

    /// <summary>fetch -r: the URLs are where the crawl starts.</summary>
    private static IBatchRun Crawl(ParseResult parse, FetchCommandLine line, BatchView view, CancellationToken cancellationToken)
    {
        var starts = parse.GetValue(line.Urls) ?? [];
        if (starts.Length == 0 || parse.GetValue(line.Input) is not null || parse.GetValue(line.Check) || parse.GetValue(line.Split) > 1)
        {
            throw new AtelierException("-r crawls from the URLs given as arguments: give at least one, without -i, --check or --split.");
        }

        var crawler = new Crawler(line.Options(parse, new FetchProgressView(view)), line.CrawlOptions(parse));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        return new BatchRun<CrawlResult>(
            crawler.CrawlAsync(starts, cancellationToken),
            CrawlReport.Driver(crawler),
            _ => CrawlReport.Status(crawler, System.Diagnostics.Stopwatch.GetElapsedTime(started)),
            crawler);
    }

    private const string Description = """
        Download many URLs at once: bounded, resumable, retried, never a half-written file.

        Examples:
          atelier fetch https://example.com/a.iso https://example.com/b.iso
          atelier fetch -i urls.txt -o downloads -j 16 --report fetch.jsonl
          atelier fetch --continue -i urls.txt -o downloads      # after Ctrl-C: finish the .part files
          atelier fetch --limit-rate 2M -i urls.txt -o downloads    # leave the shared link some room
          atelier fetch --newer -i urls.txt -o mirror               # only what changed since the last run
          atelier fetch --split 8 https://example.com/big.iso        # one large file over 8 connections
          atelier fetch --split 8 -i mirrors.txt --netrc             # URL<TAB>MIRROR per line; logins from ~/.netrc
          atelier fetch -r -np -p -o mirror https://example.com/docs/  # mirror a site, many pages at once; --continue resumes
        """;
}
