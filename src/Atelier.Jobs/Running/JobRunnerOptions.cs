using Atelier.Work;

namespace Atelier.Jobs.Running;

/// <summary>How a <see cref="JobRunner"/> schedules, limits and records jobs, on top of the work pool's settings.</summary>
/// <remarks>
/// <see cref="WorkPoolOptions.MaxDegreeOfParallelism"/> is the number of jobs at once and
/// <see cref="WorkPoolOptions.PreserveOrder"/> returns results in input order (GNU parallel's <c>-k</c>).
/// </remarks>
public sealed class JobRunnerOptions : WorkPoolOptions
{
    /// <summary>The default <see cref="OutputBufferSize"/>: 8 MiB.</summary>
    public const int DefaultOutputBufferSize = 8 << 20;

    /// <summary>How long one attempt of a job may run before its process group is killed.</summary>
    /// <value>None.</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many times a failing job runs in all, GNU parallel's <c>--retries</c>.</summary>
    /// <value>1: no retry.</value>
    public int Attempts { get; init; } = 1;

    /// <summary>The least time between two job starts.</summary>
    /// <value>None.</value>
    public TimeSpan? Delay { get; init; }

    /// <summary>Start no job while the one-minute load average is above this.</summary>
    /// <value>None.</value>
    public double? MaxLoad { get; init; }

    /// <summary>Start no job while the memory available is below this many bytes.</summary>
    /// <value>None.</value>
    public long? MinMemoryAvailable { get; init; }

    /// <summary>
    /// Suspend the newest running job while less memory than this many bytes is available, and resume the suspended
    /// ones once twice that is (GNU parallel's <c>--memsuspend</c>; jobs here only).
    /// </summary>
    /// <value>None.</value>
    public long? MemorySuspend { get; init; }

    /// <summary>Where <see cref="MaxLoad"/> and <see cref="MinMemoryAvailable"/> read the load average and the memory available.</summary>
    /// <value><c>/proc</c>.</value>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>How much of a job's stdout, and of its stderr, stays in memory before the rest goes to a temporary file.</summary>
    /// <value>8 MiB.</value>
    public int OutputBufferSize { get; init; } = DefaultOutputBufferSize;

    /// <summary>Where output that outgrows <see cref="OutputBufferSize"/> goes.</summary>
    /// <value>The system's temporary directory.</value>
    public string? TemporaryDirectory { get; init; }

    /// <summary>
    /// Receives each whole line as a job writes it, instead of keeping the job's output for its result
    /// (<c>--line-buffer</c>). Called concurrently from several jobs: it must be thread-safe.
    /// </summary>
    /// <value>None: output is kept whole per job.</value>
    public JobLineHandler? Lines { get; init; }

    /// <summary>When the run stops early.</summary>
    /// <value><see cref="HaltPolicy.Never"/>.</value>
    public HaltPolicy Halt { get; init; } = HaltPolicy.Never;

    /// <summary>How many jobs there are in all, when the caller knows; used by percentages in <see cref="Halt"/>.</summary>
    /// <value>Unknown.</value>
    public long? TotalJobs { get; init; }

    /// <summary>Jobs for which this returns true are not run and end as <see cref="JobStatus.Skipped"/> (resume).</summary>
    /// <value>None: every job runs.</value>
    public Func<Job, bool>? Skip { get; init; }

    /// <summary>How long a job has to exit after SIGTERM (timeout, halt, interrupt) before its group gets SIGKILL.</summary>
    /// <value>2 seconds.</value>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The hosts jobs run on over SSH (<c>-S</c>): then <see cref="WorkPoolOptions.MaxDegreeOfParallelism"/> is
    /// replaced by the slots of the hosts reached, and each job's {%} is its slot in the run.
    /// </summary>
    /// <value>None: jobs run here.</value>
    public Remote.RemoteOptions? Remote { get; init; }

    /// <summary>
    /// How long to keep reading a job's output after it exited, for what processes it left behind still write.
    /// </summary>
    /// <value>1 second.</value>
    public TimeSpan DrainGrace { get; init; } = TimeSpan.FromSeconds(1);
}
