using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Atelier.Jobs.Running;

/// <summary>
/// When a run stops early, in GNU parallel's terms: <c>now,fail=1</c>, <c>soon,fail=3</c>, <c>now,fail=10%</c>,
/// <c>soon,success=1</c>, <c>now,done=5</c>, or <c>never</c>.
/// </summary>
/// <param name="Urgency">Soon: start no more jobs and let running ones finish. Now: kill running ones too.</param>
/// <param name="Trigger">Which jobs count: failed, succeeded, or all that ended.</param>
/// <param name="Threshold">How many jobs must have ended that way, or a percentage of all jobs when <paramref name="Percent"/>.</param>
/// <param name="Percent">Whether <paramref name="Threshold"/> is a percentage: of all jobs when their number is known, else of the jobs ended so far.</param>
public sealed record HaltPolicy(HaltUrgency Urgency, HaltTrigger Trigger, double Threshold, bool Percent)
{
    /// <summary>Never stop early: every job runs.</summary>
    public static HaltPolicy Never { get; } = new(HaltUrgency.Soon, HaltTrigger.Failure, double.PositiveInfinity, Percent: false);

    /// <summary>Reads a policy: <c>never</c>, <c>soon|now,fail|success|done=N|N%</c>, or GNU parallel's 0, 1 (soon,fail=1) and 2 (now,fail=1).</summary>
    public static bool TryParse(string? text, [MaybeNullWhen(false)] out HaltPolicy policy)
    {
        policy = text switch
        {
            "never" or "0" => Never,
            "1" => new(HaltUrgency.Soon, HaltTrigger.Failure, 1, false),
            "2" => new(HaltUrgency.Now, HaltTrigger.Failure, 1, false),
            _ => null,
        };
        if (policy is not null || text is null)
        {
            return policy is not null;
        }

        var parts = text.Split([',', '='], StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
        {
            return false;
        }

        HaltUrgency? urgency = parts[0] switch { "soon" => HaltUrgency.Soon, "now" => HaltUrgency.Now, _ => null };
        HaltTrigger? trigger = parts[1] switch { "fail" => HaltTrigger.Failure, "success" => HaltTrigger.Success, "done" => HaltTrigger.Done, _ => null };
        var percent = parts[2].EndsWith('%');
        if (urgency is null || trigger is null
            || !double.TryParse(parts[2].TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var threshold)
            || threshold <= 0 || (percent && threshold > 100) || (!percent && threshold != Math.Floor(threshold)))
        {
            return false;
        }

        policy = new(urgency.Value, trigger.Value, threshold, percent);
        return true;
    }

    /// <summary>Whether the run should stop, given how many jobs ended which way.</summary>
    /// <param name="failed">Jobs that did not succeed (skipped ones excluded).</param>
    /// <param name="succeeded">Jobs that succeeded.</param>
    /// <param name="total">How many jobs the run has in all, when known.</param>
    public bool IsReached(long failed, long succeeded, long? total)
    {
        var count = Trigger switch { HaltTrigger.Failure => failed, HaltTrigger.Success => succeeded, _ => failed + succeeded };
        if (!Percent)
        {
            return count >= Threshold;
        }

        var of = total ?? failed + succeeded;
        return count > 0 && 100.0 * count / of >= Threshold;
    }

    /// <inheritdoc />
    public override string ToString() => double.IsPositiveInfinity(Threshold)
        ? "never"
        : $"{Urgency.ToString().ToLowerInvariant()},{Trigger switch { HaltTrigger.Failure => "fail", HaltTrigger.Success => "success", _ => "done" }}={Threshold.ToString(CultureInfo.InvariantCulture)}{(Percent ? "%" : "")}";
}
