using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>A queue at a glance: jobs waiting, jobs running by worker, jobs done, failed and dead-lettered.</summary>
/// <param name="Waiting">Jobs on the stream no worker has taken yet.</param>
/// <param name="Running">Jobs taken and not yet acknowledged, by worker.</param>
/// <param name="Succeeded">Jobs workers finished with success, since the queue was made.</param>
/// <param name="Failed">Jobs workers finished without success (dead-lettered ones included).</param>
/// <param name="DeadLettered">Jobs set aside for taking down every worker that ran them.</param>
public sealed record QueueStatus(long Waiting, IReadOnlyDictionary<string, long> Running, long Succeeded, long Failed, long DeadLettered)
{
    /// <summary>Since when the counts run (UTC, to the second): they add up every run on the queue from then on.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Reads the status of the queue at <paramref name="address"/>.</summary>
    /// <exception cref="AtelierException">Redis cannot be reached, or there is no such queue.</exception>
    public static async Task<QueueStatus> ReadAsync(QueueAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var connection = await RedisConnection.ConnectAsync(address).ConfigureAwait(false);
        var database = connection.GetDatabase();
        var keys = new QueueKeys(address.Name);
        if (!await database.KeyExistsAsync(keys.Jobs).ConfigureAwait(false))
        {
            // Looking must not make the queue: a mistyped name would look like an empty queue.
            throw new AtelierException($"There is no queue '{address.Name}' at {address.Host}:{address.Port}: no job was ever put on it ('atelier run --queue' makes it).");
        }

        await RedisConnection.EnsureGroupAsync(database, keys).ConfigureAwait(false);
        var group = (await database.StreamGroupInfoAsync(keys.Jobs).ConfigureAwait(false)).Single(g => g.Name == QueueKeys.Group);
        var consumers = await database.StreamConsumerInfoAsync(keys.Jobs, QueueKeys.Group).ConfigureAwait(false);
        var dead = await database.KeyExistsAsync(keys.DeadLetters).ConfigureAwait(false) ? await database.StreamLengthAsync(keys.DeadLetters).ConfigureAwait(false) : 0;
        return new QueueStatus(
            // Not the group's lag: Redis keeps counting entries deleted before delivery (an interrupted run's). Workers
            // delete what they acknowledge, so what the stream holds is waiting or pending; a pending entry deleted by
            // its interrupted run makes this a little short only until its worker reports.
            Math.Max(0, await database.StreamLengthAsync(keys.Jobs).ConfigureAwait(false) - group.PendingMessageCount),
            consumers.Where(c => c.PendingMessageCount > 0).ToDictionary(c => c.Name, c => (long)c.PendingMessageCount),
            (long)await database.StringGetAsync(keys.Succeeded).ConfigureAwait(false),
            (long)await database.StringGetAsync(keys.Failed).ConfigureAwait(false),
            dead)
        {
            Since = DateTimeOffset.TryParse((string?)await database.StringGetAsync(keys.Since).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since) ? since : null,
        };
    }
}
