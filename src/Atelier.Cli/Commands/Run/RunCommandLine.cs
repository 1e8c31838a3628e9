using System.CommandLine;
using System.CommandLine.Parsing;
using Atelier.Jobs.Planning;
using Atelier.Jobs.Remote;
using Atelier.Jobs.Running;

namespace Atelier.Cli.Commands.Run;

/// <summary><c>atelier run</c>'s options, and the <see cref="JobPlanOptions"/> and <see cref="JobRunnerOptions"/> they make.</summary>
internal sealed class RunCommandLine
{
    private static readonly string Sizes = $"sizes count as GNU parallel's: {ByteSize.Convention(SizeUnits.Parallel)}";

    public Argument<string[]> Words { get; } = new("command")
    {
        Description = "COMMAND [ARGS...] then ::: VALUES, :::: FILES, :::+ / ::::+ (linked to the source before); stdin lines when no source is given.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<int> Jobs { get; } = CommonOptions.Parsed<int>(
        "--jobs", CommonOptions.WithDefault("Jobs at once: N, N% of the cores, +N or -N next to them, 0 for as many as possible (1,024).", "the number of cores"), RunSyntax.TryParseJobs, "a number of jobs (4, 50%, +1, -1, 0)", alias: "-j");

    public Option<bool> KeepOrder { get; } = new("--keep-order", "-k") { Description = "Print each job's output in input order." };

    public Option<bool> Shell { get; } = new("--shell") { Description = "Run the command with /bin/sh -c; every value is quoted for it." };

    public Option<bool> Null { get; } = new("--null", "-0") { Description = "Input values end with NUL instead of newline (find -print0)." };

    public Option<bool> Tag { get; } = new("--tag") { Description = "Put the job's values and a tab in front of each output line." };

    public Option<bool> LineBuffer { get; } = new("--line-buffer") { Description = "Pass on output a whole line at a time as jobs write it, instead of each job's output whole when it ends." };

    public Option<long> Buffer { get; } = CommonOptions.Parsed<long>(
        "--buffer", CommonOptions.WithDefault($"How much of each job's output stays in memory before the rest goes to a temporary file ({Sizes}).", "8M"), RunSyntax.TryParseSize, "a size (for example 8M)");

    public Option<TimeSpan?> Timeout { get; } = CommonOptions.Duration("--timeout", null, "Kill a job's whole process group when it runs longer than this");

    public Option<int> Retries { get; } = CommonOptions.Count("--retries", 1, "Run a failing job up to N times in all, as GNU parallel counts.");

    public Option<HaltPolicy> Halt { get; } = CommonOptions.Parsed<HaltPolicy>(
        "--halt", CommonOptions.WithDefault("Stop early: now|soon,fail|success|done=N or N%.", "never"), HaltPolicy.TryParse, "a halt policy (now,fail=1; soon,fail=10%; now,success=1)");

    public Option<TimeSpan?> Delay { get; } = CommonOptions.Duration("--delay", null, "Wait at least this long between job starts");

    public Option<double> Load { get; } = CommonOptions.Parsed<double>("--load", "Start no job while the 1-minute load average is above this.", RunSyntax.TryParseLoad, "a load average (for example 4 or 1.5)");

    public Option<long> MemFree { get; } = CommonOptions.Parsed<long>("--memfree", $"Start no job while less memory than this is available ({Sizes}).", RunSyntax.TryParseSize, "a size (for example 2G)");

    public Option<long> MemSuspend { get; } = CommonOptions.Parsed<long>("--memsuspend", $"Suspend the newest job while less memory than this is available; resume once twice this is ({Sizes}).", RunSyntax.TryParseSize, "a size (for example 2G)");

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the commands instead of running them." };

    public Option<bool> Bar { get; } = new("--bar", "--eta", "--progress") { Description = "Show progress and the time left on stderr, then a summary." };

    public Option<string?> JobLog { get; } = new("--joblog") { Description = "Record every ended job in FILE, in GNU parallel's format." };

    public Option<string?> Results { get; } = new("--results") { Description = "Keep each job's values, exit status, stdout and stderr: FILE.jsonl (a line each), FILE.csv (GNU parallel's columns) or a folder (GNU parallel's layout)." };

    public Option<bool> Resume { get; } = new("--resume") { Description = "With --joblog: skip the jobs the log has, matched by command line." };

    public Option<bool> ResumeFailed { get; } = new("--resume-failed") { Description = "With --joblog: skip the jobs whose last logged run succeeded; run the rest." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No summary on stderr unless a job failed, even with --bar." };

    public Option<string[]> ArgFiles { get; } = new("--arg-file", "-a")
    {
        Description = "Read input values from FILE, as :::: FILE does (the file --pipe-part cuts).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Pipe { get; } = new("--pipe") { Description = "Cut stdin into blocks at record ends (--block, -N) and give each block to a job's stdin." };

    public Option<bool> PipePart { get; } = new("--pipe-part", "--pipepart") { Description = "As --pipe, for the file -a names: cut by offsets and given to jobs by the kernel, never read through atelier." };

    public Option<long> Block { get; } = CommonOptions.Parsed<long>(
        "--block", CommonOptions.WithDefault($"About how much a block holds (--pipe, --pipe-part; {Sizes}); -N: N blocks per job slot (--pipe-part).", "1M; --pipe-part: -10"), RunSyntax.TryParseBlock, "a size (1M, 512k) or -N", alias: "--block-size");

    public Option<int> Records { get; } = CommonOptions.Count("-N", 1, "Exactly N values per job, as {1}..{N} (a word with {} repeated for each); --pipe: blocks of exactly N records.", alias: "--max-replace-args");

    public Option<int> MaxArgs { get; } = CommonOptions.Count("--max-args", 1, "At most N sets of values per job, appended or each its own argument where {} is.", alias: "-n");

    public Option<bool> ContextReplace { get; } = new("-X") { Description = "As many values per job as the command line holds; a word with {} is repeated for each (x{}y: xay xby)." };

    public Option<bool> Xargs { get; } = new("--xargs", "-m") { Description = "As many values per job as the command line holds, each its own argument (x{}y: xa by)." };

    public Option<int> MaxChars { get; } = CommonOptions.Count("--max-chars", 128 * 1024, "With -n, -m, -X: the most bytes a job's command line takes, as the kernel counts them.", alias: "-s");

    public Option<string?> RecordEnd { get; } = new("--recend") { Description = "What ends a record, with \\n \\t \\r \\0 understood. [default: \\n]" };

    public Option<string?> RecordStart { get; } = new("--recstart") { Description = "What starts a record; blocks are cut only between an end and a start." };

    public Option<string?> Header { get; } = new("--header") { Description = "':': the first line names the columns, used as {name}; --pipe: the first N lines (':' for one) go before every block." };

    public Option<string?> ColumnSeparator { get; } = new("--colsep", "-C") { Description = "Cut each input line into columns {1} {2} ... where this regular expression matches (\\t: tabs)." };

    public Option<bool> Csv { get; } = new("--csv") { Description = "Read the input as CSV (quoted fields may hold commas, quotes and newlines); each field is a column." };

    public Option<bool> RoundRobin { get; } = new("--round-robin", "--roundrobin") { Description = "--pipe: start only -j jobs, each taking the next block whenever it is ready." };

    public Option<string[]> SshLogins { get; } = new("--sshlogin", "-S")
    {
        Description = "Run the jobs on these machines over ssh: [N/][user@]host[:port] (N jobs there; else -j of its cores), comma-separated or repeated; ':' is this machine, '..' the logins of ~/.parallel/sshloginfile.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> LoginFile { get; } = new("--sshloginfile", "--slf") { Description = "Read -S logins from FILE ('..': ~/.parallel/sshloginfile), one a line (# for comments), and again whenever it changes during the run." };

    public Option<string?> Ssh { get; } = new("--ssh") { Description = "The ssh command and its options for -S (e.g. 'ssh -F cfg'). [default: $PARALLEL_SSH, else ssh]" };

    public Option<string?> WorkDir { get; } = new("--workdir", "--wd") { Description = "With -S: run jobs in this folder on the hosts (relative to the login folder); '...' for a folder of the run's own, '.' for this one's path." };

    public Option<string[]> Env { get; } = new("--env") { Description = "With -S: pass this variable to the jobs on the hosts (repeat for more).", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<string[]> TransferFile { get; } = new("--transferfile", "--tf") { Description = "With -S: send FILE (placeholders allowed: {}) to the host before the job, relative to the work folder.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<bool> Transfer { get; } = new("--transfer") { Description = "With -S: --transferfile {} (send each input file to its job's host)." };

    public Option<string[]> Return { get; } = new("--return") { Description = "With -S: fetch FILE (placeholders allowed: {.}.out) back from the host after the job.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<bool> OnAll { get; } = new("--onall") { Description = "With -S: run every job on every host (all hosts at once, one job at a time on each, in order)." };

    public Option<bool> NonAll { get; } = new("--nonall") { Description = "With -S: run the command as given, without values, once on every host." };

    public Option<string[]> BaseFile { get; } = new("--basefile", "--bf") { Description = "With -S: send FILE to each host once, before its first job (a script, shared data), relative to the work folder.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<bool> Cleanup { get; } = new("--cleanup") { Description = "With -S: remove the files sent and fetched from the host after each job, and the base files at the end." };

    public Option<string[]> Trc { get; } = new("--trc") { Description = "With -S: --transferfile {} --return FILE --cleanup.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<string?> TagString { get; } = new("--tagstring") { Description = "Put this (placeholders and {host} allowed) and a tab in front of each output line." };

    public Option<bool> Semaphore { get; } = new("--semaphore") { Description = "Run the command (no inputs) when one of -j places (default 1) of the --id semaphore is free, across separate atelier runs of this user; in the background unless --fg." };

    public Option<string> SemaphoreId { get; } = new("--id") { Description = "--semaphore: the semaphore's name.", DefaultValueFactory = _ => "default" };

    public Option<double?> SemaphoreTimeout { get; } = CommonOptions.Parsed<double?>(
        "--semaphore-timeout", "--semaphore: wait at most SECS for a place, then run anyway; -SECS: then give up (exit 2).", RunSyntax.TryParseSeconds, "a number of seconds (10, -10)", alias: "--st");

    public Option<bool> Foreground { get; } = new("--fg") { Description = "--semaphore: wait for the command and give its exit code." };

    public Option<bool> Background { get; } = new("--bg") { Description = "--semaphore: start the command and return at once (the default)." };

    public Option<bool> Wait { get; } = new("--wait") { Description = "--semaphore: wait until no command of the --id semaphore runs." };

    public Option<Atelier.Jobs.Queues.QueueAddress?> Queue { get; } = QueueOptions.Address("Put the jobs on this Redis queue for 'atelier worker's to run, and report them here: redis://HOST:PORT/NAME.");

    /// <summary>How the queue is reached, and the secret its jobs are signed with.</summary>
    public QueueAccess QueueAccess { get; } = new();

    public IEnumerable<Symbol> All =>
    [
        Words, Jobs, KeepOrder, Shell, Null, Tag, LineBuffer, Buffer, Timeout, Retries, Halt, Delay, Load, MemFree, MemSuspend, DryRun, Bar, JobLog, Results, Resume, ResumeFailed, Quiet,
        ArgFiles, Pipe, PipePart, Block, Records, MaxArgs, ContextReplace, Xargs, MaxChars, ColumnSeparator, Csv, RecordEnd, RecordStart, Header, RoundRobin,
        SshLogins, LoginFile, Ssh, OnAll, NonAll, WorkDir, Env, TransferFile, Transfer, Return, BaseFile, Cleanup, Trc, TagString,
        Semaphore, SemaphoreId, SemaphoreTimeout, Foreground, Background, Wait, Queue, .. QueueAccess.All,
    ];

    /// <summary>How many jobs run at once.</summary>
    public int JobSlots(ParseResult parse) => parse.GetResult(Jobs) is null ? Environment.ProcessorCount : parse.GetValue(Jobs);

    /// <summary>The options that only a local run honours.</summary>
    public IEnumerable<Option> LocalOnly => [LineBuffer, Halt, Delay, Load, MemFree, MemSuspend];

    /// <summary>
    /// The hosts of <c>-S</c> and <c>--slf</c>, with their files and settings; null when the run is local. <c>-j</c>
    /// applies to each host's own cores, as GNU parallel's does.
    /// </summary>
    /// <exception cref="AtelierException">A login is not one, or a host-only option is given without hosts.</exception>
    public RemoteOptions? Remote(ParseResult parse, IProgress<string> warnings)
    {
        var logins = (parse.GetValue(SshLogins) ?? []).SelectMany(SshLogin.ParseList).ToList();
        var file = parse.GetValue(LoginFile);

        // GNU parallel's "..": the logins of ~/.parallel/sshloginfile (or $XDG_CONFIG_HOME/parallel/sshloginfile).
        if (logins.RemoveAll(l => l.Text == "..") > 0 || file == "..")
        {
            file = file is null or ".." ? SshLogin.ParallelLoginFile(Environment.GetEnvironmentVariable) : throw new AtelierException($"-S .. reads ~/.parallel/sshloginfile, and --slf names '{file}': give one login file.");
        }

        if (logins.Count == 0 && file is null)
        {
            if (new Option[] { OnAll, NonAll, WorkDir, Env, TransferFile, Transfer, Return, BaseFile, Cleanup, Trc, Ssh }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } hostOnly)
            {
                throw new AtelierException($"{hostOnly.Name} goes with -S or --slf: it is about the hosts jobs run on.");
            }

            return null;
        }

        if (parse.GetValue(Queue) is not null)
        {
            throw new AtelierException("-S and --queue are two ways to spread jobs over machines: choose one.");
        }


        var jobs = parse.GetResult(Jobs) is { Implicit: false } given ? given.Tokens[0].Value : null;
        var ssh = parse.GetValue(Ssh) ?? Environment.GetEnvironmentVariable("PARALLEL_SSH");
        var trc = parse.GetValue(Trc) ?? [];
        return new RemoteOptions
        {
            Logins = logins,
            LoginFile = file,
            Ssh = string.IsNullOrWhiteSpace(ssh) ? ["ssh"] : [.. CommandLineParser.SplitCommandLine(ssh)],
            SlotsFor = cores => jobs is not null && Atelier.Jobs.Planning.JobSlots.TryParse(jobs, cores, out var slots) ? slots : cores,
            WorkingDirectory = parse.GetValue(WorkDir),
            Environment = parse.GetValue(Env) ?? [],
            Transfer = [.. parse.GetValue(TransferFile) ?? [], .. trc.Length > 0 || parse.GetValue(Transfer) ? new[] { "{}" } : []],
            Return = [.. parse.GetValue(Return) ?? [], .. trc],
            BaseFiles = parse.GetValue(BaseFile) ?? [],
            OnAll = parse.GetValue(OnAll) || parse.GetValue(NonAll),
            Cleanup = parse.GetValue(Cleanup) || trc.Length > 0,
            Warnings = warnings,
        };
    }

    /// <summary>What the run is asked to do, for the library to check and plan.</summary>
    /// <exception cref="AtelierException">The words hold no command, or shell syntax without --shell.</exception>
    public JobPlanOptions PlanOptions(ParseResult parse)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        var shell = parse.GetValue(Shell);
        var (command, sources) = JobArguments.Split(parse.GetValue(Words) ?? [], shell, CommandLineParser.SplitCommandLine);
        return new JobPlanOptions
        {
            Command = command,
            Shell = shell,
            Sources = [.. (parse.GetValue(ArgFiles) ?? []).Select(file => new JobSource(null, file)), .. sources],
            NullSeparated = parse.GetValue(Null),
            ColumnSeparator = parse.GetValue(ColumnSeparator),
            Csv = parse.GetValue(Csv),
            Header = parse.GetValue(Header),
            MaxArgs = Given(MaxArgs) ? parse.GetValue(MaxArgs) : null,
            Exactly = Given(Records) ? parse.GetValue(Records) : null,
            ContextReplace = parse.GetValue(ContextReplace),
            Xargs = parse.GetValue(Xargs),
            MaxChars = Given(MaxChars) ? parse.GetValue(MaxChars) : null,
            Pipe = parse.GetValue(Pipe),
            PipePart = parse.GetValue(PipePart),
            RoundRobin = parse.GetValue(RoundRobin),
            BlockSize = Given(Block) ? parse.GetValue(Block) : null,
            RecordEnd = parse.GetValue(RecordEnd),
            RecordStart = parse.GetValue(RecordStart),
            JobLog = parse.GetValue(JobLog),
            Resume = parse.GetValue(Resume),
            ResumeFailed = parse.GetValue(ResumeFailed),
            Slots = JobSlots(parse),
            Attempts = parse.GetValue(Retries),
            Queued = parse.GetValue(Queue) is not null,
            Once = parse.GetValue(NonAll),

            // The bar and a halt at a percentage need the number of jobs.
            CountJobs = parse.GetValue(Bar) || (parse.GetValue(Halt)?.Percent ?? false),
        };
    }

    public JobRunnerOptions Options(ParseResult parse, JobPlan plan, JobLineHandler? lines, RemoteOptions? remote = null) => new()
    {
        Remote = remote,
        MaxDegreeOfParallelism = JobSlots(parse),
        PreserveOrder = parse.GetValue(KeepOrder),
        Timeout = parse.GetValue(Timeout),
        Attempts = parse.GetValue(Retries),
        Delay = parse.GetValue(Delay),
        MaxLoad = parse.GetResult(Load) is null ? null : parse.GetValue(Load),
        MinMemoryAvailable = parse.GetResult(MemFree) is null ? null : parse.GetValue(MemFree),
        MemorySuspend = parse.GetResult(MemSuspend) is null ? null : parse.GetValue(MemSuspend),
        OutputBufferSize = parse.GetResult(Buffer) is null ? JobRunnerOptions.DefaultOutputBufferSize : (int)Math.Clamp(parse.GetValue(Buffer), 0, int.MaxValue),
        Lines = parse.GetValue(LineBuffer) ? lines : null,
        Halt = parse.GetValue(Halt) ?? HaltPolicy.Never,
        TotalJobs = Total(plan, remote),
        Skip = plan.Skip,
    };

    /// <summary>How many jobs the run has, when known: with --onall, the plan's once per host given (unknown with --slf).</summary>
    public static long? Total(JobPlan plan, RemoteOptions? remote) => remote is { OnAll: true }
        ? remote.LoginFile is null ? plan.Total * remote.Logins.DistinctBy(l => l.Text).Count() : null
        : plan.Total;

    /// <summary>What --tag puts in front of each line: with --onall and --nonall, the host the job ran on (and its values); null for the values, as usual.</summary>
    public string? Tagging(ParseResult parse) =>
        parse.GetValue(TagString) ?? (parse.GetValue(Tag) && parse.GetValue(NonAll) ? "{host}" : parse.GetValue(Tag) && parse.GetValue(OnAll) ? "{host}\t{}" : null);
}
