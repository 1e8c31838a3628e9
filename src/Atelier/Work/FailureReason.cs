using System.Reflection;

namespace Atelier.Work;

/// <summary>Turns an exception into one line a person can read.</summary>
internal static class FailureReason
{
    private const int MaxLength = 300;

    public static string Describe(Exception exception, WorkStatus status)
    {
        if (status == WorkStatus.Canceled)
        {
            return "canceled";
        }

        var cause = Unwrap(exception);
        var message = FirstLine(cause.Message);
        var line = message.Length == 0 ? cause.GetType().Name
            : cause is AtelierException or WorkItemException ? message
            : $"{cause.GetType().Name}: {message}";
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 1), "…");
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                default:
                    return exception;
            }
        }
    }

    private static string FirstLine(string message)
    {
        var trimmed = message.AsSpan().Trim();
        var end = trimmed.IndexOfAny('\r', '\n');
        return (end < 0 ? trimmed : trimmed[..end]).TrimEnd().ToString();
    }
}
