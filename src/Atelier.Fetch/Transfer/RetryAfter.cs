using System.Net.Http.Headers;

namespace Atelier.Fetch.Transfer;

/// <summary>The wait a Retry-After header asks for: a number of seconds, or an HTTP date (never negative).</summary>
internal static class RetryAfter
{
    public static TimeSpan? Wait(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
