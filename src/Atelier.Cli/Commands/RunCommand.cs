using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Cli.Commands.Run;
using Atelier.Jobs.Log;
using Atelier.Jobs.Queues;
using Atelier.Jobs.Results;
using Atelier.Jobs.Running;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier run</c>: a command over many inputs, several at once, with GNU parallel's vocabulary.</summary>
internal static class RunCommand
{
    private const string Description = """
        Run a command over many inputs, several at once: no shell unless asked, output never interleaved, a job log to resume from.

        Examples:
          atelier run gzip -9 ::: *.log
          find photos -name '*.jpg' -print0 | atelier run -0 -j 50% convert {} -resize 50% small/{/}
          atelier run -k --joblog jobs.log --resume-failed curl -fsS -o {#}.html {} :::: urls.txt
          atelier run --shell 'gunzip -c {} | wc -l > {.}.count' ::: *.gz
          find photos -name '*.jpg' | atelier run -X atelier resize -o thumbs
          zcat big.log.gz | atelier run --pipe --block 10M -k grep -c ERROR
          atelier run --csv --header : --results runs.jsonl convert {photo} -resize {size} out/{photo/} :::: jobs.csv
        """;

    public static Command Create()
    {
        var line = new RunCommandLine();
        var command = new Command("run", Description);
        line.All.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var plan = RunPlan.From(parse, line);
            if (parse.GetValue(line.DryRun))
            {
                return await DryRunAsync(plan, stdout).ConfigureAwait(false);
            }

            var queue = parse.GetValue(line.Queue);
            if (queue is not null)
            {
                if (parse.GetValue(line.RoundRobin))
                {
                    throw new AtelierException("--round-robin runs locally only: its jobs read blocks as they come, which a queue cannot carry.");
                }

                if (line.LocalOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } local)
                {
                    throw new AtelierException($"{local.Name} works on local runs only, not with --queue.");
                }

                if (!Edition.HasServerAndQueues)
                {
                    Edition.HandOver("run --queue");
                }
            }

            var view = BatchView.For(stderr, "run", quiet: !parse.GetValue(line.Bar));
            var writer = JobOutputWriter.For(stdout, stderr, view, parse.GetValue(line.Tag));
            var options = line.Options(parse, plan, writer.WriteLine);
            var runner = new JobRunner(plan.Template, options);
            var results = (queue is not null && Edition.HasServerAndQueues, plan.Blocks) switch
            {
                (true, { } blocks) => new QueueProducer(queue!, options).RunAsync(plan.Template, blocks, cancellationToken),
                (true, null) => new QueueProducer(queue!, options).RunAsync(plan.Template, plan.Inputs, cancellationToken),
                (false, { } blocks) => runner.RunAsync(blocks, cancellationToken),
                (false, null) => runner.RunAsync(plan.Inputs, cancellationToken),
            };
            var logPath = parse.GetValue(line.JobLog);
            await using var log = logPath is null ? null : await JobLog.OpenAsync(logPath, CancellationToken.None).ConfigureAwait(false);
            var resultsPath = parse.GetValue(line.Results);
            if (resultsPath is not null && parse.GetValue(line.LineBuffer))
            {
                throw new AtelierException("--results keeps each job's whole output; --line-buffer passes it on as it comes: choose one.");
            }

            await using var kept = resultsPath is null ? null : JobResults.Open(resultsPath);
            var driver = RunReport.Driver(
                async result =>
                {
                    using (result)
                    {
                        await writer.WriteAsync(result).ConfigureAwait(false);
                        await (log?.WriteAsync(result, result.Worker ?? ":", CancellationToken.None) ?? Task.CompletedTask).ConfigureAwait(false);
                        await (kept?.WriteAsync(result, CancellationToken.None) ?? Task.CompletedTask).ConfigureAwait(false);
                    }
                },
                interrupted => interrupted ? "No more jobs were started; running ones were stopped."
                    : runner.Halted ? $"Halted by --halt {options.Halt}: no more jobs were started." : null);
            var output = new BatchOutput(stdout, stderr, Json: false, ReportPath: null) { SummaryPrefix = "atelier run: ", SummaryOnlyOnFailure = parse.GetValue(line.Quiet) };
            return await driver.RunAsync(results, view, tally => RunReport.Status(tally, plan.Total), output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> DryRunAsync(RunPlan plan, TextWriter output)
    {
        long sequence = 0;
        foreach (var values in plan.Inputs)
        {
            await output.WriteLineAsync(plan.Template.CreateJob(values, ++sequence, 1).CommandLine).ConfigureAwait(false);
        }

        foreach (var block in plan.Blocks ?? [])
        {
            using (block)
            {
                await output.WriteLineAsync(plan.Template.CreateJob([], ++sequence, 1).CommandLine).ConfigureAwait(false);
            }
        }

        return ExitCodes.Success;
    }
}
