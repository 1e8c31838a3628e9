using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace Atelier.Jobs.Queues;

/// <summary>
/// Rides out a Redis server that restarts or drops the connection for a while: a command that fails to reach it is
/// retried with backoff for up to about a minute (StackExchange.Redis reconnects meanwhile); other errors are not.
/// </summary>
/// <remarks>
/// A command retried after a timeout may have run the first time too. That is safe here: a job or result added twice
/// is reported once (by sequence number), and acknowledging twice is acknowledging.
/// </remarks>
internal static class RedisRetry
{
    public static ResiliencePipeline Create(TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RedisConnectionException>().Handle<RedisTimeoutException>(),
            MaxRetryAttempts = 40,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(2),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <summary>Runs a Redis command through <paramref name="retry"/>.</summary>
    public static async Task<T> RunAsync<T>(this ResiliencePipeline retry, Func<Task<T>> command, CancellationToken cancellationToken = default) =>
        await retry.ExecuteAsync(async _ => await command().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
