using System.CommandLine;
using System.Diagnostics;
using Atelier.Cli.Commands.Fetch;
using Atelier.Cli.Rendering;
using Atelier.Fetch;
using Atelier.Fetch.Reporting;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier fetch</c>: download many URLs at once, safely and resumably.</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var defaults = new FetchOptions();
        var urls = new Argument<string[]>("url") { Description = "URLs to download.", Arity = ArgumentArity.ZeroOrMore };
        var input = new Option<string?>("--input-file", "-i") { Description = "Read URLs from FILE, one per line (optional sha256=HEX and out=NAME after each; # comments); - for stdin." };
        var output = new Option<string>("--output", "-o") { Description = "Save files in this folder.", DefaultValueFactory = _ => "." };
        var jobs = CommonOptions.Count("--jobs", defaults.Concurrency, "How many downloads run at once.");
        jobs.Aliases.Add("-j");
        var perHost = CommonOptions.Count("--per-host", defaults.PerHost, "How many of them may talk to one host at once.");
        var connectTimeout = CommonOptions.Duration("--connect-timeout", defaults.ConnectTimeout, "How long to wait for a connection");
        var timeout = CommonOptions.Duration("--timeout", defaults.Timeout, "How long one attempt may take in all");
        var stallTimeout = CommonOptions.Duration("--stall-timeout", defaults.StallTimeout, "Give up an attempt after this long without a byte");
        var retries = CommonOptions.Count("--retries", defaults.Retries, "Retries after connection errors, timeouts, stalls, 408/429/500/502/503/504.", minimum: 0);
        var maxRetryWait = CommonOptions.Duration("--max-retry-wait", defaults.MaxRetryWait, "The longest wait before a retry, whatever Retry-After says");
        var onExists = CommonOptions.Choice("--on-exists", "When the file exists: rename (name.1.ext), skip, overwrite or fail. Default: rename, or skip with --continue.", "rename", "skip", "overwrite", "fail");
        var resume = new Option<bool>("--continue", "-c") { Description = "Resume NAME.part files an earlier run left." };
        var check = new Option<bool>("--check") { Description = "Only probe: status, size and time; nothing is saved." };
        var insecure = new Option<bool>("--insecure", "-k") { Description = "Accept any TLS certificate (unsafe)." };
        var sha256 = new Option<bool>("--sha256") { Description = "Compute every file's SHA-256 for the results." };
        var headers = new Option<string[]>("--header", "-H") { Description = "Send this header with every request: 'Name: value'. Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var quiet = CommonOptions.Quiet();
        var json = CommonOptions.Json();
        json.Description = "Write one JSON object per URL on stdout, in input order, instead of the table.";
        var report = new Option<string?>("--report") { Description = "Also write one JSON object per URL to FILE.jsonl, in input order." };

        var command = new Command("fetch", "Download many URLs at once: bounded, resumable, retried, never a half-written file.")
        {
            urls, input, output, jobs, perHost, connectTimeout, timeout, stallTimeout, retries, maxRetryWait, onExists, resume, check, insecure, sha256, headers, quiet, json, report,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var view = FetchView.For(error, parse.GetValue(quiet));
            var options = new FetchOptions
            {
                Concurrency = parse.GetValue(jobs),
                PerHost = parse.GetValue(perHost),
                ConnectTimeout = parse.GetValue(connectTimeout) ?? defaults.ConnectTimeout,
                Timeout = parse.GetValue(timeout),
                StallTimeout = parse.GetValue(stallTimeout) ?? defaults.StallTimeout,
                Retries = parse.GetValue(retries),
                MaxRetryWait = parse.GetValue(maxRetryWait) ?? defaults.MaxRetryWait,
                OutputDirectory = parse.GetValue(output)!,
                OnExists = ExistingFileFrom(parse.GetValue(onExists), parse.GetValue(resume)),
                Continue = parse.GetValue(resume),
                CheckOnly = parse.GetValue(check),
                Insecure = parse.GetValue(insecure),
                ComputeSha256 = parse.GetValue(sha256),
                Headers = [.. (parse.GetValue(headers) ?? []).Select(ParseHeader)],
                Progress = parse.GetValue(quiet) ? null : view,
            };
            var requests = FetchInputs.Open(parse.GetValue(urls) ?? [], parse.GetValue(input));
            await using var reportFile = ReportFile.Open(parse.GetValue(report));
            using var downloader = new Downloader(options);
            var summary = new FetchSummary();
            var writeJson = parse.GetValue(json);
            var stdout = parse.InvocationConfiguration.Output;
            var clock = Stopwatch.StartNew();
            await view.RunAsync(
                async () =>
                {
                    await foreach (var result in downloader.FetchAsync(requests, cancellationToken).ConfigureAwait(false))
                    {
                        summary.Add(result);
                        var line = writeJson || reportFile is not null ? FetchJsonContext.Line(result) : null;
                        if (writeJson)
                        {
                            await stdout.WriteLineAsync(line).ConfigureAwait(false);
                        }

                        if (reportFile is not null)
                        {
                            await reportFile.WriteLineAsync(line).ConfigureAwait(false);
                        }
                    }
                },
                () => downloader.Totals).ConfigureAwait(false);

            var interrupted = cancellationToken.IsCancellationRequested;
            if (!writeJson)
            {
                summary.Write(() => Terminal.For(stdout), stdout, clock.Elapsed, interrupted);
            }

            return interrupted ? ExitCodes.Interrupted : summary.Failed > 0 ? ExitCodes.ItemsFailed : ExitCodes.Success;
        });
        return command;
    }

    private static ExistingFile ExistingFileFrom(string? value, bool resume) => value switch
    {
        "skip" => ExistingFile.Skip,
        "overwrite" => ExistingFile.Overwrite,
        "fail" => ExistingFile.Fail,
        "rename" => ExistingFile.Rename,

        // Re-running a list with --continue should finish the .part files, not fetch the finished ones again.
        _ => resume ? ExistingFile.Skip : ExistingFile.Rename,
    };

    private static KeyValuePair<string, string> ParseHeader(string header)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || header[..colon].Trim().Length == 0 || header[..colon].Any(char.IsWhiteSpace))
        {
            throw new AtelierException($"--header '{header}' is not 'Name: value'.");
        }

        return new(header[..colon], header[(colon + 1)..].Trim());
    }
}
