namespace Atelier.Labs;

/// <summary>The chapter's lessons, in the chapter's order.</summary>
public static class Lessons
{
    /// <summary>Every lesson, with a one-line description.</summary>
    public static IReadOnlyList<LessonInfo> All { get; } =
    [
        new("threads", "sequential vs threads vs async tasks on sleeping (I/O-like) work: the measured speedup"),
        new("downloads", "simulated downloads on their own threads, each waiting / in progress (x%) / done, on a live status board"),
        new("race", "a shared counter without a lock, with a lock, and with Interlocked: updates expected, obtained and lost"),
        new("pipeline", "two producers and two consumers over a bounded queue of 5: every item once, the bound held, clean shutdown"),
        new("cpu", "a sum of squares run sequentially, on threads and in child processes: identical results, measured speedups"),
        new("workers", "worker processes fed from an input queue, answering on an output queue, stopped by one poison pill each"),
        new("errors", "a batch where some items throw: the batch completes, failures are logged with reasons and counted"),
    ];
}
