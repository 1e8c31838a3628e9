using System.CommandLine;
using System.Diagnostics;
using Atelier.Cli.Commands.Run;
using Atelier.Cli.Rendering;
using Atelier.Jobs;
using Atelier.Jobs.Queues;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier run</c>: a command over many inputs, several at once, with GNU parallel's vocabulary.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var words = new Argument<string[]>("command") { Description = "COMMAND [ARGS...] then ::: VALUES, :::: FILES, :::+ / ::::+ (linked to the source before); stdin lines when no source is given.", Arity = ArgumentArity.ZeroOrMore };
        var jobs = CommonOptions.Parsed<int>("--jobs", "Jobs at once: N, N% of the cores, +N or -N next to them. Default: the number of cores.", RunSyntax.TryParseJobs, "a number of jobs (4, 50%, +1, -1)");
        jobs.Aliases.Add("-j");
        var keepOrder = new Option<bool>("--keep-order", "-k") { Description = "Print each job's output in input order." };
        var shell = new Option<bool>("--shell") { Description = "Run the command with /bin/sh -c; every value is quoted for it." };
        var nul = new Option<bool>("--null", "-0") { Description = "Input values end with NUL instead of newline (find -print0)." };
        var tag = new Option<bool>("--tag") { Description = "Put the job's values and a tab in front of each output line." };
        var lineBuffer = new Option<bool>("--line-buffer") { Description = "Pass on output a whole line at a time as jobs write it, instead of each job's output whole when it ends." };
        var buffer = CommonOptions.Parsed<long>("--buffer", "How much of each job's output stays in memory before the rest goes to a temporary file. Default: 8M.", RunSyntax.TryParseSize, "a size (for example 8M)");
        var timeout = CommonOptions.Duration("--timeout", null, "Kill a job's whole process group when it runs longer than this");
        var retries = CommonOptions.Count("--retries", 1, "Run a failing job up to N times in all, as GNU parallel counts.");
        var halt = CommonOptions.Parsed<HaltPolicy>("--halt", "Stop early: now|soon,fail|success|done=N or N%. Default: never.", HaltPolicy.TryParse, "a halt policy (now,fail=1; soon,fail=10%; now,success=1)");
        var delay = CommonOptions.Duration("--delay", null, "Wait at least this long between job starts");
        var load = CommonOptions.Parsed<double>("--load", "Start no job while the 1-minute load average is above this.", RunSyntax.TryParseLoad, "a load average (for example 4 or 1.5)");
        var memFree = CommonOptions.Parsed<long>("--memfree", "Start no job while less memory than this is available.", RunSyntax.TryParseSize, "a size (for example 2G)");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the commands instead of running them." };
        var bar = new Option<bool>("--bar") { Description = "Show progress and the time left on stderr." };
        var jobLog = new Option<string?>("--joblog") { Description = "Record every ended job in FILE, in GNU parallel's format." };
        var resume = new Option<bool>("--resume") { Description = "With --joblog: skip the jobs the log has, matched by command line." };
        var resumeFailed = new Option<bool>("--resume-failed") { Description = "With --joblog: skip the jobs whose last logged run succeeded; run the rest." };
        var quiet = new Option<bool>("--quiet") { Description = "No summary on stderr unless a job failed." };
        var queue = QueueOptions.Address("Put the jobs on this Redis queue for 'atelier worker's to run, and report them here: redis://HOST:PORT/NAME.");

        var command = new Command("run", "Run a command over many inputs, several at once: no shell unless asked, output never interleaved, a job log to resume from.")
        {
            words, jobs, keepOrder, shell, nul, tag, lineBuffer, buffer, timeout, retries, halt, delay, load, memFree, dryRun, bar, jobLog, resume, resumeFailed, quiet, queue,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var useShell = parse.GetValue(shell);
            var (templateWords, sourceWords) = RunArguments.Split(parse.GetValue(words) ?? [], useShell);
            var template = CommandTemplate.Parse(templateWords, useShell);
            var separator = parse.GetValue(nul) ? '\0' : '\n';
            var sources = RunInputs.Open(sourceWords, separator);
            if (template.HighestSource > RunInputs.Count(sourceWords))
            {
                throw new AtelierException($"{{{template.HighestSource}}} names input source {template.HighestSource}, but there {(RunInputs.Count(sourceWords) == 1 ? "is 1" : $"are {RunInputs.Count(sourceWords)}")}.");
            }

            var inputs = JobInputs.Combine(sources);
            if (parse.GetValue(dryRun))
            {
                long sequence = 0;
                foreach (var values in inputs)
                {
                    await stdout.WriteLineAsync(template.CreateJob(values, ++sequence, 1).CommandLine).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            var logPath = parse.GetValue(jobLog);
            var (resuming, resumingFailed) = (parse.GetValue(resume), parse.GetValue(resumeFailed));
            if ((resuming || resumingFailed) && logPath is null)
            {
                throw new AtelierException($"{(resuming ? "--resume" : "--resume-failed")} needs --joblog FILE: the log says which jobs ran.");
            }

            var history = resuming || resumingFailed ? JobLog.Read(logPath!) : null;
            var haltPolicy = parse.GetValue(halt) ?? HaltPolicy.Never;
            var showBar = parse.GetValue(bar);
            long? total = (showBar || haltPolicy.Percent) && RunInputs.CanReadTwice(sourceWords) ? JobInputs.Combine(RunInputs.Open(sourceWords, separator)).LongCount() : null;
            var writer = new JobOutputWriter(TextWriterStream.For(stdout), TextWriterStream.For(stderr), parse.GetValue(tag));
            var options = new JobRunnerOptions
            {
                MaxDegreeOfParallelism = parse.GetResult(jobs) is null ? Environment.ProcessorCount : parse.GetValue(jobs),
                PreserveOrder = parse.GetValue(keepOrder),
                Timeout = parse.GetValue(timeout),
                Attempts = parse.GetValue(retries),
                Delay = parse.GetValue(delay),
                MaxLoad = parse.GetResult(load) is null ? null : parse.GetValue(load),
                MinMemoryAvailable = parse.GetResult(memFree) is null ? null : parse.GetValue(memFree),
                OutputBufferSize = parse.GetResult(buffer) is null ? 8 << 20 : (int)Math.Clamp(parse.GetValue(buffer), 0, int.MaxValue),
                Lines = parse.GetValue(lineBuffer) ? writer.WriteLine : null,
                Halt = haltPolicy,
                TotalJobs = total,
                Skip = history is null ? null : resuming ? history.Ran : history.Succeeded,
            };
            var queueAddress = parse.GetValue(queue);
            if (queueAddress is not null && new Option[] { lineBuffer, halt, delay, load, memFree }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } local)
            {
                throw new AtelierException($"{local.Name} works on local runs only, not with --queue.");
            }

            if (queueAddress is not null && !Edition.HasServerAndQueues)
            {
                Edition.HandOver("run --queue");
            }

            var runner = new JobRunner(template, options);
            var results = queueAddress is null || !Edition.HasServerAndQueues
                ? runner.RunAsync(inputs, cancellationToken)
                : new QueueProducer(queueAddress, options).RunAsync(template, inputs, cancellationToken);
            await using var log = logPath is null ? null : await JobLog.OpenAsync(logPath, CancellationToken.None).ConfigureAwait(false);
            var summary = new RunSummary();
            var view = showBar ? new RunProgressView(stderr, total) : null;
            var clock = Stopwatch.StartNew();
            async Task RunAsync()
            {
                await foreach (var result in results.ConfigureAwait(false))
                {
                    using (result)
                    {
                        summary.Add(result);
                        view?.Ended(result);
                        await writer.WriteAsync(result).ConfigureAwait(false);
                        if (log is not null)
                        {
                            await log.WriteAsync(result, result.Worker ?? ":", CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                }
            }

            await (view is null ? RunAsync() : view.RunAsync(RunAsync)).ConfigureAwait(false);
            var interrupted = cancellationToken.IsCancellationRequested;
            var stopped = interrupted ? "Interrupted: no more jobs were started, running ones were stopped."
                : runner.Halted ? $"Halted by --halt {haltPolicy}: no more jobs were started." : null;
            await summary.WriteAsync(stderr, clock.Elapsed, stopped, parse.GetValue(quiet)).ConfigureAwait(false);
            return interrupted ? ExitCodes.Interrupted : summary.Failed > 0 ? ExitCodes.ItemsFailed : ExitCodes.Success;
        });
        return command;
    }
}
