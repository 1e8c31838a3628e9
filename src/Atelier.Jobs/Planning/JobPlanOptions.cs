namespace Atelier.Jobs.Planning;

/// <summary>
/// What a run is asked to do, in GNU parallel's terms: the command, its input sources, how their text becomes values,
/// how many values each job takes, or blocks of input instead of values, and which jobs a job log says to skip.
/// <see cref="JobPlan.Create"/> checks that they go together.
/// </summary>
/// <remarks>Error messages name these settings as they are spelled here (<c>RoundRobin goes with Pipe or PipePart.</c>).</remarks>
public sealed record JobPlanOptions
{
    /// <summary>The command template's words (<c>gzip -9 {}</c>).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Whether the command runs through /bin/sh, every value quoted for it.</summary>
    /// <value>False: no shell.</value>
    public bool Shell { get; init; }

    /// <summary>Where the values come from; none: standard input's lines.</summary>
    /// <value>None.</value>
    public IReadOnlyList<JobSource> Sources { get; init; } = [];

    /// <summary>Whether values end with NUL rather than a newline (<c>-0</c>, for <c>find -print0</c>).</summary>
    /// <value>False.</value>
    public bool NullSeparated { get; init; }

    /// <summary>A regular expression that cuts each input line into columns <c>{1}</c> <c>{2}</c>... (<c>\t</c> is a tab); null for none.</summary>
    /// <value>None.</value>
    public string? ColumnSeparator { get; init; }

    /// <summary>Whether the input is CSV (RFC 4180), each field a column; <see cref="ColumnSeparator"/> may give its one-character separator.</summary>
    /// <value>False.</value>
    public bool Csv { get; init; }

    /// <summary>
    /// <c>:</c>: the first line names the columns, used as <c>{name}</c>; with blocks of input, the number of lines
    /// (<c>:</c> for one) given before every block. Null for none.
    /// </summary>
    /// <value>None.</value>
    public string? Header { get; init; }

    /// <summary>At most this many sets of values per job (<c>-n</c>); null when not given.</summary>
    /// <value>None: one set per job.</value>
    public int? MaxArgs { get; init; }

    /// <summary>
    /// Exactly this many values of the one source per job, as <c>{1}</c>..<c>{N}</c> (<c>-N</c>); with blocks of
    /// input, blocks of exactly this many records. Null when not given.
    /// </summary>
    /// <value>None.</value>
    public int? Exactly { get; init; }

    /// <summary>As many values per job as the command line holds, a word with <c>{}</c> repeated for each (<c>-X</c>).</summary>
    /// <value>False.</value>
    public bool ContextReplace { get; init; }

    /// <summary>As many values per job as the command line holds, each its own argument (<c>-m</c>).</summary>
    /// <value>False.</value>
    public bool Xargs { get; init; }

    /// <summary>With several values per job: the most bytes its command line takes, as the kernel counts them; null for the default.</summary>
    /// <value>None: 131,072.</value>
    public int? MaxChars { get; init; }

    /// <summary>Blocks of standard input to each job's stdin, cut at record ends, instead of values (<c>--pipe</c>).</summary>
    /// <value>False.</value>
    public bool Pipe { get; init; }

    /// <summary>Ranges of the one file the sources name to each job's stdin, moved by the kernel (<c>--pipe-part</c>).</summary>
    /// <value>False.</value>
    public bool PipePart { get; init; }

    /// <summary>With blocks of input: start only <see cref="Slots"/> jobs, each taking the next block when it is ready.</summary>
    /// <value>False.</value>
    public bool RoundRobin { get; init; }

    /// <summary>About how much a block holds; for <see cref="PipePart"/>, -N is N blocks per job slot. Null for the default.</summary>
    /// <value>None: 1 MiB, or -10 for <see cref="PipePart"/> (-1 with <see cref="RoundRobin"/>).</value>
    public long? BlockSize { get; init; }

    /// <summary>What ends a record, with <c>\n</c> <c>\t</c> <c>\r</c> <c>\0</c> understood; null for the default.</summary>
    /// <value>None: a newline (nothing, when only <see cref="RecordStart"/> is given).</value>
    public string? RecordEnd { get; init; }

    /// <summary>What starts a record; blocks are cut only between a record end and a record start. Null for none.</summary>
    /// <value>None.</value>
    public string? RecordStart { get; init; }

    /// <summary>A job log (GNU parallel's format) to resume from; null for none.</summary>
    /// <value>None.</value>
    public string? JobLog { get; init; }

    /// <summary>Skip the jobs <see cref="JobLog"/> has (matched by command line).</summary>
    /// <value>False.</value>
    public bool Resume { get; init; }

    /// <summary>Skip the jobs whose last logged run succeeded; run the rest.</summary>
    /// <value>False.</value>
    public bool ResumeFailed { get; init; }

    /// <summary>How many jobs run at once: values spread over them (<see cref="Xargs"/>, <see cref="ContextReplace"/>), blocks too.</summary>
    /// <value>The number of cores.</value>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>How many times a failing job runs in all (a block read by a round-robin job cannot be given again).</summary>
    /// <value>1.</value>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// Whether the plan is one job without values: the command as given, run once (on each host with
    /// <see cref="Remote.RemoteOptions.OnAll"/>: GNU parallel's <c>--nonall</c>). It takes no <see cref="Sources"/>.
    /// </summary>
    /// <value>False.</value>
    public bool Once { get; init; }

    /// <summary>Whether the jobs go to a queue for workers elsewhere rather than run here.</summary>
    /// <value>False.</value>
    public bool Queued { get; init; }

    /// <summary>Whether to count the jobs before they run (for progress, or a halt at a percentage), when the sources can be read twice.</summary>
    /// <value>False.</value>
    public bool CountJobs { get; init; }
}
