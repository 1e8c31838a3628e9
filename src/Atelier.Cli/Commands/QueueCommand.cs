using System.CommandLine;
using System.Globalization;
using Atelier.Jobs.Queues;

namespace Atelier.Cli.Commands;

/// <summary><c>atelier queue status</c>: a queue's jobs waiting, running by worker, done, failed, dead-lettered.</summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var address = QueueOptions.AddressArgument();
        var access = new QueueAccess();
        var status = new Command("status", "Show a queue's jobs: waiting, running (by worker), succeeded, failed, dead-lettered.") { address };
        foreach (var option in access.Connection)
        {
            status.Options.Add(option);
        }

        status.SetAction(async (parse, _) =>
        {
            if (!Edition.HasServerAndQueues)
            {
                Edition.HandOver("queue status");
                return ExitCodes.UsageError;
            }

            var report = await QueueStatus.ReadAsync(access.Apply(parse, parse.GetValue(address)!)).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            var running = report.Running.Values.Sum();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"waiting        {report.Waiting:N0}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"running        {running:N0}{(running == 0 ? "" : $" ({string.Join(", ", report.Running.Select(w => $"{w.Key}: {w.Value:N0}"))})")}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"succeeded      {report.Succeeded:N0}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"failed         {report.Failed:N0}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dead-lettered  {report.DeadLettered:N0}")).ConfigureAwait(false);
            if (report.Since is { } since)
            {
                // The three counts add up every run since then; waiting and running are now.
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"counted since  {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (succeeded, failed, dead-lettered: every run since)")).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
        return new Command("queue", "Look at a Redis job queue.") { status };
    }
}
