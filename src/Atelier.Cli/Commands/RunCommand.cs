using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Cli.Commands.Run;
using Atelier.Cli.Rendering;
using Atelier.Jobs.Planning;
using Atelier.Jobs.Queues;
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
          atelier run -S 8/server1,4/me@server2:2222 --trc {.}.out 'sort {} > {.}.out' ::: *.txt
          atelier run --nonall --tag -S server1,server2 uptime
          atelier run --semaphore --id build -j 2 make -C lib; atelier run --semaphore --wait --id build
        """;

    public static Command Create(Stream input)
    {
        var line = new RunCommandLine();
        var command = new Command("run", Description);
        line.All.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (parse.GetValue(line.Semaphore) || parse.GetValue(line.Wait))
            {
                return await SemaphoreRun.RunAsync(parse, line, stderr, cancellationToken).ConfigureAwait(false);
            }

            var planOptions = line.PlanOptions(parse);
            if (!planOptions.PipePart && !planOptions.Once && (planOptions.Sources.Count == 0 || planOptions.Sources.Any(s => s.IsStandardInput)) && Terminal.IsInteractive(input))
            {
                // As GNU parallel does: a run that seems to hang is waiting for values typed at the terminal.
                await stderr.WriteLineAsync("atelier run: reading values from the terminal (one per line, Ctrl-D to end); give them with ::: or a file to skip this.").ConfigureAwait(false);
            }

            var plan = JobPlan.Create(planOptions, input);
            if (parse.GetValue(line.DryRun))
            {
                foreach (var commandLine in plan.CommandLines())
                {
                    await stdout.WriteLineAsync(commandLine).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            var queue = parse.GetValue(line.Queue);
            if (queue is not null)
            {
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
            var writer = OutputWriter(stdout, stderr, view, parse.GetValue(line.Tag), line.Tagging(parse));
            var remote = line.Remote(parse, new SynchronousProgress<string>(warning => (view.Above ?? stderr).WriteLine($"atelier run: {warning}")));
            var options = line.Options(parse, plan, writer.WriteLine, remote);
            var runner = new JobRunner(plan.Template, options);
            var ignored = 0;
            var producer = queue is not null && Edition.HasServerAndQueues
                ? new QueueProducer(line.QueueAccess.Apply(parse, queue), options, new QueueProducerOptions
                {
                    Secret = line.QueueAccess.ReadSecret(parse),

                    // The first says why; the count of the rest comes with the summary.
                    Warnings = new SynchronousProgress<string>(warning =>
                    {
                        if (Interlocked.Increment(ref ignored) == 1)
                        {
                            (view.Above ?? stderr).WriteLine($"atelier run: {warning}");
                        }
                    }),
                })
                : null;
            var results = (producer, plan.Blocks) switch
            {
                ({ } onQueue, { } blocks) => onQueue.RunAsync(plan.Template, blocks, cancellationToken),
                ({ } onQueue, null) => onQueue.RunAsync(plan.Template, plan.Inputs, cancellationToken),
                (null, { } blocks) => runner.RunAsync(blocks, cancellationToken),
                (null, null) => runner.RunAsync(plan.Inputs, cancellationToken),
            };
            await using var recorder = await JobRecorder.OpenAsync(writer, parse.GetValue(line.JobLog), parse.GetValue(line.Results), parse.GetValue(line.LineBuffer), CancellationToken.None).ConfigureAwait(false);
            var driver = RunReport.Driver(
                recorder.WriteAsync,
                interrupted => interrupted ? Interrupted(producer)
                    : runner.Halted ? $"Halted by --halt {options.Halt}: no more jobs were started." : null);
            var output = new BatchOutput(stdout, stderr, Json: false, ReportPath: null) { SummaryPrefix = "atelier run: ", SummaryOnlyOnFailure = parse.GetValue(line.Quiet) || !parse.GetValue(line.Bar) };
            var exitCode = await driver.RunAsync(results, view, tally => RunReport.Status(tally, RunCommandLine.Total(plan, remote)), output, cancellationToken).ConfigureAwait(false);
            if (producer is { Unverified: > 1 and var unverified })
            {
                await stderr.WriteLineAsync($"atelier run: {unverified:N0} results did not verify and were ignored.").ConfigureAwait(false);
            }

            return exitCode;
        });
        return command;
    }

    /// <summary>What an interruption stopped: on a queue, what was taken off it and what its workers stopped.</summary>
    private static string Interrupted(QueueProducer? producer) => producer switch
    {
        null => "No more jobs were started; running ones were stopped.",
        { Interruption: null } => "No more jobs were put on the queue.",
        { Interruption: var (takenOff, stopped, unanswered) } =>
            $"Taken off the queue: {Jobs(takenOff, "waiting")}; stopped on workers: {Jobs(stopped, "running")}."
            + (unanswered > 0 ? $" No word from the workers of {Jobs(unanswered, "more")}: not reported." : ""),
    };

    private static string Jobs(int count, string kind) => count == 1 ? $"1 {kind} job" : $"{count:N0} {kind} jobs";

    /// <summary>
    /// Jobs' output onto the command's stdout and stderr, as bytes when they are the process's own; through the view
    /// when a live display shares the terminal with them, so job output lands above the bar, never inside it.
    /// </summary>
    private static JobOutputWriter OutputWriter(TextWriter stdout, TextWriter stderr, BatchView view, bool tag, string? tagString)
    {
        var above = view.Above is { } live ? JobOutputWriter.Onto(live) : null;
        return new JobOutputWriter(above is not null && Terminal.IsInteractive(stdout) ? above : Bytes(stdout), above ?? Bytes(stderr), tag || tagString is not null) { TagString = tagString };
        static Stream Bytes(TextWriter writer) =>
            ReferenceEquals(writer, Console.Out) ? Console.OpenStandardOutput()
            : ReferenceEquals(writer, Console.Error) ? Console.OpenStandardError()
            : JobOutputWriter.Onto(writer);
    }
}
