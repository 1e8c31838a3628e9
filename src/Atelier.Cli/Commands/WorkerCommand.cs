using System.CommandLine;
using System.Globalization;
using Atelier.Cli.Rendering;
using Atelier.Jobs.Queues;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier worker</c>: runs the jobs of <c>atelier run --queue</c> on this machine.</summary>
internal static class WorkerCommand
{
    private const string Description = """
        Run the jobs 'atelier run --queue' puts on a Redis queue; start one on every machine that should help.

        Examples:
          atelier worker --queue redis://queue-host:6379/thumbs -j 8
          atelier worker --queue redis://queue-host:6379/thumbs --once     # stop when the queue is empty
        """;

    public static Command Create()
    {
        var defaults = new QueueWorkerOptions();
        var queue = QueueOptions.Address("The queue to take jobs from: redis://HOST:PORT/NAME.");
        queue.Required = true;
        var jobs = CommonOptions.Count("--jobs", defaults.MaxDegreeOfParallelism, "Jobs at once.", alias: "-j");
        var visibility = CommonOptions.Duration("--visibility-timeout", defaults.VisibilityTimeout, "Take a job back from a worker that stopped answering after this long");
        var deliveries = CommonOptions.Count("--max-deliveries", defaults.MaxDeliveries, "Deliveries after which a job that keeps taking workers down goes to the dead-letter stream.");
        var once = new Option<bool>("--once") { Description = "Stop when the queue has no job to give, instead of waiting for more." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No line per job; only the summary when the worker stops." };
        var access = new QueueAccess();
        var maxAge = CommonOptions.Duration("--queue-max-age", defaults.MaxAge, "With --queue-secret: refuse jobs issued longer ago than this", positive: true);
        var command = new Command("worker", Description) { queue, jobs, visibility, deliveries, once, quiet, maxAge };
        foreach (var option in access.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!OperatingSystem.IsLinux())
            {
                throw new AtelierException("atelier worker needs Linux: it starts each job in its own process group with posix_spawn.");
            }

            if (!Edition.HasServerAndQueues)
            {
                Edition.HandOver("worker");
                return ExitCodes.UsageError;
            }

            var error = parse.InvocationConfiguration.Error;
            var secret = access.ReadSecret(parse);
            var options = new QueueWorkerOptions
            {
                Secret = secret,
                MaxAge = parse.GetValue(maxAge) ?? defaults.MaxAge,
                MaxDegreeOfParallelism = parse.GetValue(jobs),
                VisibilityTimeout = parse.GetValue(visibility) ?? defaults.VisibilityTimeout,
                MaxDeliveries = parse.GetValue(deliveries),
                Once = parse.GetValue(once),
                Progress = parse.GetValue(quiet) ? null : new SynchronousProgress<QueueJobEnded>(job => error.WriteLine(Line(job))),
            };
            var address = access.Apply(parse, parse.GetValue(queue)!);
            await error.WriteLineAsync($"atelier worker {options.Name}: taking jobs from {address}, {options.MaxDegreeOfParallelism} at a time{(secret is null ? "" : ", signed ones only")}.").ConfigureAwait(false);
            if (secret is null)
            {
                await error.WriteLineAsync($"atelier worker: warning: no --queue-secret, so this worker runs any command anyone who can write to {address} puts there.").ConfigureAwait(false);
            }

            var summary = await new QueueWorker(address, options).RunAsync(cancellationToken).ConfigureAwait(false);
            var interrupted = cancellationToken.IsCancellationRequested;
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"atelier worker: {summary.Succeeded:N0} succeeded, {summary.Failed:N0} failed, {summary.DeadLettered:N0} dead-lettered{(summary.Refused > 0 ? $", {summary.Refused:N0} refused (see the dead-letter stream)" : "")}{(summary.Stopped > 0 ? $", {summary.Stopped:N0} stopped (their runs were interrupted)" : "")}{(summary.NotPosted > 0 ? $", {summary.NotPosted:N0} not posted" : "")}{(interrupted ? $"; interrupted, {summary.HandedBack:N0} handed back" : "")}.")).ConfigureAwait(false);
            foreach (var problem in summary.Problems)
            {
                await error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
            }

            return interrupted ? ExitCodes.Interrupted : summary.NotPosted > 0 ? ExitCodes.ItemsFailed : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>"run:12 succeeded in 1.20 s: gzip -9 a.log".</summary>
    private static string Line(QueueJobEnded job) => string.Create(CultureInfo.InvariantCulture,
        $"{job.Id} {Outcome(job.Outcome)} in {job.Runtime.TotalSeconds:0.00} s{(job.Reason is null ? "" : $" ({job.Reason})")}: {job.CommandLine}");

    private static string Outcome(QueueJobOutcome outcome) => outcome switch
    {
        QueueJobOutcome.DeadLettered => "dead-lettered",
        QueueJobOutcome.HandedBack => "handed back",
        QueueJobOutcome.NotPosted => "not posted",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
