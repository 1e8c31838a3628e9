namespace Atelier.Labs;

/// <summary>A lesson whose settings are properties of its options record.</summary>
/// <typeparam name="TOptions">The lesson's options.</typeparam>
/// <param name="name">The name <c>atelier lab NAME</c> takes.</param>
/// <param name="defaults">The options with every setting at its default, for a run (which provides worker programs).</param>
/// <param name="settings">What a person may change, bound to the options' properties.</param>
/// <param name="run">Runs the lesson with the options the values made.</param>
internal sealed class LessonOf<TOptions>(
    string name,
    Func<LessonRun, TOptions> defaults,
    IReadOnlyList<LessonOf<TOptions>.Binding> settings,
    Func<TOptions, LessonRun, CancellationToken, Task<LessonReport>> run) : Lesson
{
    public override string Name => name;

    /// <summary>From the lesson text files (<c>Lesson.NAME</c>), in the run's language.</summary>
    public override string Description => Text.LabText.Get($"Lesson.{name}");

    /// <summary>Each described in the run's language (<c>Setting.LESSON.NAME</c> in the lesson text files).</summary>
    public override IReadOnlyList<LessonSetting> Settings => [.. settings.Select(s => s.Describe(defaults(new LessonRun { Workers = NoWorkers }), Text.LabText.Get($"Setting.{name}.{s.Name}")))];

    public override bool HasWorkers => Worker is not null;

    /// <summary>The worker side, for lessons that start worker processes.</summary>
    public Func<CancellationToken, Task<int>>? Worker { get; init; }

    public override Task<LessonReport> RunAsync(LessonRun run1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run1);
        var options = defaults(run1);
        foreach (var (key, value) in run1.Values)
        {
            var setting = settings.FirstOrDefault(s => s.Name == key) ?? throw new ArgumentException($"Lesson '{name}' has no setting '{key}'.", nameof(run1));
            options = setting.Apply(options, value);
        }

        return run(options, run1, cancellationToken);
    }

    public override Task<int> ServeWorkerAsync(CancellationToken cancellationToken = default) =>
        Worker?.Invoke(cancellationToken) ?? base.ServeWorkerAsync(cancellationToken);

    /// <summary>A whole-number setting of an <see cref="int"/> property, from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Binding Number(string setting, Func<TOptions, int> get, Func<TOptions, int, TOptions> set, int minimum, int maximum) =>
        new(setting, o => (long)get(o), (o, v) => set(o, checked((int)(long)v)), minimum, maximum);

    /// <summary>A whole-number setting of a <see cref="long"/> property.</summary>
    public static Binding Number(string setting, Func<TOptions, long> get, Func<TOptions, long, TOptions> set, long minimum, long maximum) =>
        new(setting, o => get(o), (o, v) => set(o, (long)v), minimum, maximum);

    /// <summary>An on/off setting of a <see cref="bool"/> property (an option without a value: <c>--explore</c>).</summary>
    public static Binding Flag(string setting, Func<TOptions, bool> get, Func<TOptions, bool, TOptions> set) =>
        new(setting, o => get(o), (o, v) => set(o, (bool)v), 0, 1);

    /// <summary>A duration setting, from nothing to <paramref name="longest"/>.</summary>
    public static Binding Duration(string setting, Func<TOptions, TimeSpan> get, Func<TOptions, TimeSpan, TOptions> set, TimeSpan longest) =>
        new(setting, o => get(o), (o, v) => set(o, (TimeSpan)v)) { Longest = longest };

    /// <summary>Describing the settings needs options, not workers: a stand-in that is never started.</summary>
    private static Atelier.Processes.WorkerProgram NoWorkers(string lesson) => new("atelier");

    /// <summary>A setting bound to a property: how to read its default, how to set it, and its bounds.</summary>
    public sealed record Binding(string Name, Func<TOptions, object> Get, Func<TOptions, object, TOptions> Set, long Minimum = 1, long Maximum = int.MaxValue)
    {
        /// <summary>For a duration, the longest it may be.</summary>
        public TimeSpan Longest { get; init; } = TimeSpan.FromMinutes(1);

        public LessonSetting Describe(TOptions options, string description) => new(Name, description, Get(options), Minimum, Maximum) { Longest = Longest };

        /// <exception cref="ArgumentException">The value is of another kind than the setting's.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The value is outside the setting's bounds.</exception>
        public TOptions Apply(TOptions options, object value)
        {
            if (value.GetType() != Get(options).GetType())
            {
                throw new ArgumentException($"Setting '{Name}' takes a {Get(options).GetType().Name}, not a {value.GetType().Name}.", nameof(value));
            }

            var within = value switch
            {
                long number => number >= Minimum && number <= Maximum,
                TimeSpan duration => duration >= TimeSpan.Zero && duration <= Longest,
                _ => true,
            };
            return within ? Set(options, value) : throw new ArgumentOutOfRangeException(nameof(value), value, $"Setting '{Name}' is outside its bounds.");
        }
    }
}
