using System.CommandLine;
using System.Globalization;
using Atelier.Jobs.Queues;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier worker</c>: runs the jobs of <c>atelier run --queue</c> on this machine.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var defaults = new QueueWorkerOptions();
        var queue = QueueOptions.Address("The queue to take jobs from: redis://HOST:PORT/NAME.");
        queue.Required = true;
        var jobs = CommonOptions.Count("--jobs", Environment.ProcessorCount, "Jobs at once. Default: the number of cores.");
        jobs.Aliases.Add("-j");
        var visibility = CommonOptions.Duration("--visibility-timeout", defaults.VisibilityTimeout, "Take a job back from a worker that stopped answering after this long");
        var deliveries = CommonOptions.Count("--max-deliveries", defaults.MaxDeliveries, "Deliveries after which a job that keeps taking workers down goes to the dead-letter stream.");
        var once = new Option<bool>("--once") { Description = "Stop when the queue has no job to give, instead of waiting for more." };
        var command = new Command("worker", "Run the jobs 'atelier run --queue' puts on a Redis queue; start one on every machine that should help.")
        {
            queue, jobs, visibility, deliveries, once,
        };
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

            var worker = new QueueWorker(parse.GetValue(queue)!, new QueueWorkerOptions
            {
                MaxDegreeOfParallelism = parse.GetValue(jobs),
                VisibilityTimeout = parse.GetValue(visibility) ?? defaults.VisibilityTimeout,
                MaxDeliveries = parse.GetValue(deliveries),
                Once = parse.GetValue(once),
            });
            var summary = await worker.RunAsync(cancellationToken).ConfigureAwait(false);
            var interrupted = cancellationToken.IsCancellationRequested;
            await parse.InvocationConfiguration.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"atelier worker: {summary.Succeeded:N0} succeeded, {summary.Failed:N0} failed, {summary.DeadLettered:N0} dead-lettered{(interrupted ? $"; interrupted, {summary.HandedBack:N0} handed back" : "")}.")).ConfigureAwait(false);
            return interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }
}
