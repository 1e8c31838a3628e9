using Atelier.Processes;

namespace Atelier.Labs.Cpu;

/// <summary>How big the sum is, how it is split, and how many workers share it.</summary>
internal sealed record CpuOptions
{
    /// <summary>Sums i² for 0 ≤ i &lt; Limit.</summary>
    /// <value>1,000,000,000 (about a second of work on one core); at most <see cref="SumOfSquares.MaxLimit"/>.</value>
    public long Limit { get; init; } = 1_000_000_000;

    /// <summary>How many ranges the work is split into.</summary>
    /// <value>4, as in the chapter.</value>
    public int Ranges { get; init; } = 4;

    /// <summary>How many threads or processes share the ranges.</summary>
    /// <value>The number of processors.</value>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The program started for each worker process; it must serve the lesson's worker side (<see cref="Lesson.ServeWorkerAsync"/>).</summary>
    public required WorkerProgram WorkerProgram { get; init; }
}
