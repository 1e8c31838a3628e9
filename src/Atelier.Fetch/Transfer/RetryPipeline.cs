using Polly;
using Polly.Retry;

namespace Atelier.Fetch.Transfer;

/// <summary>Polly's retry for transient failures: exponential backoff with jitter, or the server's Retry-After, capped.</summary>
internal static class RetryPipeline
{
    public static ResiliencePipeline Create(FetchOptions options, Func<OnRetryArguments<object>, ValueTask> onRetry)
    {
        if (options.Retries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientFetchException>(),
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryWait,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientFetchException { RetryAfter: { } after }
                        ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(after.Ticks, options.MaxRetryWait.Ticks))
                        : null),
                OnRetry = onRetry,
            })
            .Build();
    }
}
