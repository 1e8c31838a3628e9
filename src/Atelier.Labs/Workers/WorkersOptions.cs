using Atelier.Processes;

namespace Atelier.Labs.Workers;

/// <summary>How many tasks and worker processes the lesson runs.</summary>
internal sealed record WorkersOptions
{
    /// <summary>How many tasks go on the input queue.</summary>
    /// <value>10.</value>
    public int Tasks { get; init; } = 10;

    /// <summary>How many worker processes take tasks from it.</summary>
    /// <value>3.</value>
    public int Workers { get; init; } = 3;

    /// <summary>How long each task takes a worker.</summary>
    /// <value>100 ms.</value>
    public TimeSpan TaskTime { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The program started for each worker; it must serve the lesson's worker side (<see cref="Lesson.ServeWorkerAsync"/>).</summary>
    public required WorkerProgram WorkerProgram { get; init; }
}
