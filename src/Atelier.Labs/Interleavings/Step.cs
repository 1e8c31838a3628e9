namespace Atelier.Labs.Interleavings;

/// <summary>What one visible step of a lesson thread does to shared state: the atoms a scheduler may interleave.</summary>
internal enum StepKind
{
    /// <summary>Reads a shared variable into the thread's register.</summary>
    Load,

    /// <summary>Adds to the thread's register (nothing shared is touched).</summary>
    Add,

    /// <summary>Writes the thread's register to a shared variable.</summary>
    Store,

    /// <summary>Takes a lock, waiting while another thread holds it.</summary>
    Lock,

    /// <summary>Releases a lock the thread holds.</summary>
    Unlock,

    /// <summary>Adds one to a shared variable in one indivisible step (<c>Interlocked.Increment</c>).</summary>
    Increment,

    /// <summary>
    /// Takes a lock if it is free (<c>Monitor.TryEnter</c>); if another thread holds it, releases every lock this thread
    /// holds and starts its steps over (a retry).
    /// </summary>
    TryLock,
}

/// <summary>One visible step: its kind, and the variable or lock it names.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Target">The shared variable (Load, Store, Increment) or the lock (Lock, Unlock, TryLock), by index.</param>
/// <param name="Amount">What Add adds; for TryLock, the shared variable that counts its retries (or -1 for none).</param>
internal sealed record Step(StepKind Kind, int Target = 0, int Amount = 1)
{
    public static Step Load(int variable) => new(StepKind.Load, variable);

    public static Step Add(int amount = 1) => new(StepKind.Add, 0, amount);

    public static Step Store(int variable) => new(StepKind.Store, variable);

    public static Step Lock(int @lock) => new(StepKind.Lock, @lock);

    public static Step Unlock(int @lock) => new(StepKind.Unlock, @lock);

    public static Step Increment(int variable) => new(StepKind.Increment, variable);

    /// <summary>A TryLock that adds one to shared variable <paramref name="retries"/> each time it starts over.</summary>
    public static Step TryLock(int @lock, int retries = -1) => new(StepKind.TryLock, @lock, retries);
}

/// <summary>A lesson's program for the explorer: shared variables and locks, and each thread's steps.</summary>
/// <param name="Variables">The shared variables' names (all start at 0).</param>
/// <param name="Locks">The locks' names.</param>
/// <param name="Threads">Each thread's steps, in order.</param>
/// <param name="MostRetries">How many times a thread may start over after a failed TryLock before the schedule counts as a livelock.</param>
internal sealed record SharedProgram(IReadOnlyList<string> Variables, IReadOnlyList<string> Locks, IReadOnlyList<IReadOnlyList<Step>> Threads, int MostRetries = 2);
