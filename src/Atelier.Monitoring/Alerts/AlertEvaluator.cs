using System.Globalization;
namespace Atelier.Monitoring.Alerts;

/// <summary>
/// The alert state machine. Every sample updates how long each condition has held; at each check a rule fires when
/// its condition has held for the required time, and a firing rule clears only once its value is back across the
/// threshold by the hysteresis, so a value hovering at the threshold does not flap.
/// </summary>
/// <remarks>One state per rule and metric: <c>disk&gt;90</c> fires separately for each disk.</remarks>
internal sealed class AlertEvaluator
{
    private readonly AlertOptions options;
    private readonly TimeZoneInfo zone;
    private readonly Binding[] bindings;
    private readonly string[] notes;
    private DateTimeOffset? lastCheck;
    private IReadOnlyList<AlertEvent> active = [];

    /// <summary>Binds each rule to the metrics it watches.</summary>
    /// <param name="options">The rules, and when they fire.</param>
    /// <param name="metrics">The metrics a sample has.</param>
    /// <param name="zone">The zone silence windows are in (the machine's local one).</param>
    /// <exception cref="AtelierException">A rule names a metric there is none of, or a silence a rule there is none of.</exception>
    public AlertEvaluator(AlertOptions options, IReadOnlyList<Metric> metrics, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        this.options = options;
        this.zone = zone ?? TimeZoneInfo.Local;
        if (options.Silences.FirstOrDefault(s => s.Rule != AlertSilence.Every && !options.Rules.Any(s.Silences)) is { } stray)
        {
            throw new AtelierException(
                $"'{stray}' names no rule: the rules are {string.Join(", ", options.Rules.Select(r => $"'{r.Text}'"))} (or * for all of them).", "AlertOptions.Silences");
        }

        var bindings = new List<Binding>();
        var adjusted = new List<string>();
        foreach (var rule in options.Rules)
        {
            var watched = Enumerable.Range(0, metrics.Count).Where(i => metrics[i].Answers(rule.MetricName)).ToList();
            if (watched.Count == 0)
            {
                throw new AtelierException($"'{rule.Text}' watches '{rule.MetricName}', but there is no such metric; there are {string.Join(", ", metrics.Select(m => m.Name).Append("disk"))}.", "AlertOptions.Rules");
            }

            // A percentage lies between 0 and 100 (a process's CPU is a percentage of one core, and may pass 100).
            var percent = watched.All(i => metrics[i].Kind == MetricKind.Percent && !metrics[i].Name.EndsWith(".cpu", StringComparison.Ordinal));
            if (rule.Percent && !watched.All(i => metrics[i].Kind == MetricKind.Percent))
            {
                throw new AtelierException($"'{rule.Text}' gives a percentage, but '{rule.MetricName}' is not one: leave out the %.", "AlertOptions.Rules");
            }

            if (percent && !rule.CanHoldForPercent)
            {
                throw new AtelierException($"'{rule.Text}' can never fire: '{rule.MetricName}' is a percentage, from 0 to 100.", "AlertOptions.Rules");
            }

            var hysteresis = watched.Min(i => Hysteresis(rule, metrics[i], options.Hysteresis));
            if (hysteresis < options.Hysteresis && hysteresis > 0)
            {
                adjusted.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Alert '{rule.Text}' clears {(rule.Above ? "below" : "above")} {(rule.Above ? rule.Threshold - hysteresis : rule.Threshold + hysteresis):0.###}: its hysteresis is {hysteresis:0.###}, not {options.Hysteresis:0.###}, or it could never clear."));
            }

            bindings.AddRange(watched.Select(index => new Binding(rule, index, metrics[index].Name, hysteresis)));
        }

        this.bindings = [.. bindings];
        notes = [.. adjusted];
    }

    /// <summary>What the evaluator changed to make the rules work, for people to read.</summary>
    public IReadOnlyList<string> Notes => notes;

    /// <summary>
    /// The hysteresis a rule can clear with: no value goes below 0 nor a percentage above 100, so a threshold nearer to
    /// its bound than the hysteresis gets half its distance to it (cpu&gt;1 clears below 0.5, not below -4). A count has
    /// none: <c>proc:nginx.count&lt;1</c> clears when nginx is back.
    /// </summary>
    private static double Hysteresis(AlertRule rule, Metric metric, double hysteresis) =>
        metric.Kind == MetricKind.Count ? 0
        : rule.Above ? Math.Min(hysteresis, Math.Max(0, rule.Threshold) / 2)
        : metric.Kind == MetricKind.Percent ? Math.Min(hysteresis, Math.Max(0, 100 - rule.Threshold) / 2)
        : hysteresis;

    /// <summary>Rules firing as of the last check, with their values then.</summary>
    /// <remarks>A snapshot made by each check: safe to read from any thread (the dashboard's) while samples come in.</remarks>
    public IReadOnlyList<AlertEvent> Active => Volatile.Read(ref active);

    /// <summary>Records a sample: when each condition started to hold, or that it no longer does.</summary>
    public void Observe(ReadOnlySpan<double> row, DateTimeOffset time)
    {
        foreach (var binding in bindings)
        {
            binding.Value = row[binding.Index];
            binding.HeldSince = binding.Rule.Holds(binding.Value) ? binding.HeldSince ?? time : null;
        }
    }

    /// <summary>Whether a check is due at <paramref name="time"/> (the first sample, then every <see cref="AlertOptions.CheckEvery"/>).</summary>
    public bool Due(DateTimeOffset time) => lastCheck is not { } last || time - last >= options.CheckEvery;

    /// <summary>Fires and clears rules as of <paramref name="time"/>; returns what changed (empty, not allocated, when nothing did).</summary>
    public IReadOnlyList<AlertEvent> Check(DateTimeOffset time)
    {
        lastCheck = time;
        List<AlertEvent>? events = null;
        var local = options.Silences.Count == 0 ? default : TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
        foreach (var binding in bindings)
        {
            if (!binding.Firing && binding.HeldSince is { } since && time - since >= options.For)
            {
                binding.Firing = true;
                (events ??= []).Add(binding.Event(time, firing: true, Silenced(binding.Rule, local)));
            }
            else if (binding.Firing && (binding.Hysteresis > 0 ? binding.Rule.Clears(binding.Value, binding.Hysteresis) : !double.IsNaN(binding.Value) && !binding.Rule.Holds(binding.Value)))
            {
                binding.Firing = false;
                (events ??= []).Add(binding.Event(time, firing: false, Silenced(binding.Rule, local)));
            }
        }

        if (events is not null || active.Count > 0)
        {
            Volatile.Write(ref active, [.. bindings.Where(b => b.Firing).Select(b => b.Event(time, firing: true, Silenced(b.Rule, local)))]);
        }

        return events ?? (IReadOnlyList<AlertEvent>)[];
    }

    private bool Silenced(AlertRule rule, TimeOnly local) => options.Silences.Any(s => s.Silences(rule) && s.Covers(local));

    private sealed class Binding(AlertRule rule, int index, string metric, double hysteresis)
    {
        public AlertRule Rule { get; } = rule;

        public double Hysteresis { get; } = hysteresis;

        public int Index { get; } = index;

        public double Value { get; set; } = double.NaN;

        public DateTimeOffset? HeldSince { get; set; }

        public bool Firing { get; set; }

        // Rounded as the figures are shown: 91.878, not 91.87817258883248.
        public AlertEvent Event(DateTimeOffset time, bool firing, bool silenced) => new(time, Rule.Text, metric, Math.Round(Value, 3), Rule.Level, firing) { Silenced = silenced };
    }
}
