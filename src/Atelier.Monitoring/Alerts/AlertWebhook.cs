using Polly;
using Polly.Retry;

namespace Atelier.Monitoring.Alerts;

/// <summary>POSTs each alert event as JSON to one URL, retried by Polly on network errors, timeouts, 429 and 5xx.</summary>
internal sealed class AlertWebhook(Uri url, TimeProvider time) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ResiliencePipeline retry = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TaskCanceledException>(),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
        })
        .Build();

    /// <summary>Whether an exception is a delivery that failed for good (after the retries), not a bug.</summary>
    public static bool IsDeliveryFailure(Exception e) => e is HttpRequestException or TaskCanceledException;

    public async Task PostAsync(AlertEvent alert) =>
        await retry.ExecuteAsync(
            async token =>
            {
                using var body = new StringContent(ReadableJson.Serialize(alert, MonitoringJsonContext.Default.AlertEvent), System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(url, body, token).ConfigureAwait(false);
                if ((int)response.StatusCode >= 500 || (int)response.StatusCode == 429)
                {
                    throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                response.EnsureSuccessStatusCode();
            }).ConfigureAwait(false);

    public void Dispose() => http.Dispose();
}
