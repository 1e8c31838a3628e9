using Atelier.Labs.Downloads;
using Atelier.Processes;

namespace Atelier.Labs;

/// <summary>One run of a lesson: the values given for its settings, and what the program running it provides.</summary>
public sealed record LessonRun
{
    /// <summary>Values by setting name: a <see cref="long"/> for a number, a <see cref="TimeSpan"/> for a duration, a <see cref="bool"/> for on/off.</summary>
    /// <value>None: every setting at its default.</value>
    public IReadOnlyDictionary<string, object> Values { get; init; } = new Dictionary<string, object>();

    /// <summary>How to start a worker process for the lessons that have them: this program, in its worker mode.</summary>
    /// <value>None; required by the lessons whose <see cref="Lesson.HasWorkers"/> is true.</value>
    public Func<string, WorkerProgram>? Workers { get; init; }

    /// <summary>Receives the downloads lesson's status board at each refresh.</summary>
    /// <value>None.</value>
    public IProgress<DownloadBoard>? Board { get; init; }

    /// <summary>The worker program for <paramref name="lesson"/>.</summary>
    /// <exception cref="InvalidOperationException">This run provides none.</exception>
    public WorkerProgram WorkerFor(string lesson) =>
        Workers?.Invoke(lesson) ?? throw new InvalidOperationException($"Lesson '{lesson}' starts worker processes: give the run a way to start them.");
}
