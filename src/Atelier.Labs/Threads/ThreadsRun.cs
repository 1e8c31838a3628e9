namespace Atelier.Labs.Threads;

/// <summary>One way of running the tasks, and how long it took.</summary>
/// <param name="Mode">sequential, threads, or async tasks.</param>
/// <param name="ElapsedMs">Wall-clock time for all the tasks.</param>
/// <param name="Speedup">Sequential time divided by this time.</param>
/// <param name="BlockedThreads">Threads held while waiting: one per task for threads, none for async tasks.</param>
internal sealed record ThreadsRun(string Mode, double ElapsedMs, double Speedup, int BlockedThreads);
