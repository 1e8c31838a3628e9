namespace Atelier.Labs;

/// <summary>
/// A lesson of the chapter, as <c>atelier lab NAME</c> runs it: its name, what it shows, the settings a person may
/// change, and how it runs. Each lesson describes itself in its own folder; <see cref="Lessons.All"/> lists them.
/// </summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public abstract class Lesson
{
    /// <summary>The name <c>atelier lab NAME</c> takes.</summary>
    public abstract string Name { get; }

    /// <summary>One line saying what the lesson shows.</summary>
    public abstract string Description { get; }

    /// <summary>What a person may change, each with its default.</summary>
    public abstract IReadOnlyList<LessonSetting> Settings { get; }

    /// <summary>Whether the lesson starts worker processes of the program that runs it (then it serves them too).</summary>
    public virtual bool HasWorkers => false;

    /// <summary>Runs the lesson with the values given for its settings; the others keep their defaults.</summary>
    /// <exception cref="ArgumentException">A value is not one of the lesson's settings, or not of its kind.</exception>
    public abstract Task<LessonReport> RunAsync(LessonRun run, CancellationToken cancellationToken = default);

    /// <summary>Serves the lesson's worker side on standard input and output until the stop message.</summary>
    /// <returns>The process exit code.</returns>
    /// <exception cref="InvalidOperationException">The lesson has no worker side.</exception>
    public virtual Task<int> ServeWorkerAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"Lesson '{Name}' starts no worker processes.");
}
