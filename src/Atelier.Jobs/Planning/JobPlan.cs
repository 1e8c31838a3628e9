using Atelier.Jobs.Inputs;
using Atelier.Jobs.Log;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;

namespace Atelier.Jobs.Planning;

/// <summary>
/// What a run will do, checked against GNU parallel's rules: the command template, then either each job's values or
/// each job's block of input, the jobs a job log says to skip, and how many jobs there are when that can be known ahead.
/// What <see cref="JobRunner.RunAsync(IEnumerable{IReadOnlyList{string}}, CancellationToken)"/> takes.
/// </summary>
public sealed class JobPlan
{
    private JobPlan(CommandTemplate template)
    {
        Template = template;
    }

    /// <summary>The command, with its placeholders.</summary>
    public CommandTemplate Template { get; }

    /// <summary>Each job's values, read as jobs start; empty when jobs get <see cref="Blocks"/> instead.</summary>
    public IEnumerable<IReadOnlyList<string>> Inputs { get; private init; } = [];

    /// <summary>Each job's standard input, when jobs get blocks of input rather than values; null otherwise.</summary>
    public IEnumerable<JobInput>? Blocks { get; private init; }

    /// <summary>How many jobs there are, when it is known before they run; null otherwise.</summary>
    public long? Total { get; private init; }

    /// <summary>The jobs a job log says to skip; null to run them all.</summary>
    public Func<Job, bool>? Skip { get; private init; }

    /// <summary>The command line each job would run, in order, without running any (<c>--dry-run</c>).</summary>
    public IEnumerable<string> CommandLines()
    {
        long sequence = 0;
        foreach (var values in Inputs)
        {
            yield return Template.CreateJob(values, ++sequence, 1).CommandLine;
        }

        foreach (var block in Blocks ?? [])
        {
            using (block)
            {
                yield return Template.CreateJob([], ++sequence, 1).CommandLine;
            }
        }
    }

    /// <summary>Checks the options and plans the run; nothing is read until the jobs are.</summary>
    /// <param name="options">What the run is asked to do.</param>
    /// <param name="standardInput">Standard input, for sources that name it, no source at all, or <see cref="JobPlanOptions.Pipe"/>; null when there is none.</param>
    /// <exception cref="AtelierException">The options do not go together, or a source or the job log cannot be read.</exception>
    public static JobPlan Create(JobPlanOptions options, Stream? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Slots, 1);
        return options.Pipe || options.PipePart ? Piped(options, standardInput) : Valued(options, standardInput);
    }

    private static JobPlan Valued(JobPlanOptions options, Stream? standardInput)
    {
        if (FirstGiven((nameof(options.RoundRobin), options.RoundRobin), (nameof(options.RecordEnd), options.RecordEnd is not null), (nameof(options.RecordStart), options.RecordStart is not null), (nameof(options.BlockSize), options.BlockSize is not null)) is { } pipeOnly)
        {
            throw JobPlanInputs.Error($"{pipeOnly} goes with Pipe or PipePart.", pipeOnly, nameof(options.Pipe), nameof(options.PipePart));
        }

        if (options.Once)
        {
            if (options.Resume || options.ResumeFailed)
            {
                throw JobPlanInputs.Error("Once is one job without values, which no job log can tell apart from the same job on another host: it does not go with Resume or ResumeFailed.", nameof(options.Once), nameof(options.Resume), nameof(options.ResumeFailed));
            }

            return options.Sources.Count > 0
                ? throw JobPlanInputs.Error("Once runs the command as given, without values: give no Sources.", nameof(options.Once), nameof(options.Sources))
                : new JobPlan(CommandTemplate.Parse(options.Command, options.Shell)) { Inputs = [[]], Total = 1 };
        }

        var format = JobPlanInputs.Format(options);
        var sources = JobPlanInputs.Open(options.Sources, format, standardInput);
        var count = Math.Max(1, options.Sources.Count);
        var batching = JobPlanInputs.Batching(options, count);
        var command = JobPlanInputs.NameColumns(options.Command, [.. sources.SelectMany(source => source.Header ?? [])]);
        var template = CommandTemplate.Parse(command, options.Shell, contextReplace: options.ContextReplace || batching?.Exactly is not null);
        if (batching?.Exactly is { } exactly && template.HighestSource > exactly)
        {
            throw JobPlanInputs.Error($"{{{template.HighestSource}}} names value {template.HighestSource}, but Exactly {exactly} gives each job {exactly}.", nameof(options.Exactly));
        }

        if (batching?.Exactly is null && !format.HasColumns && template.HighestSource > count)
        {
            throw new AtelierException($"{{{template.HighestSource}}} names input source {template.HighestSource}, but there {(count == 1 ? "is 1" : $"are {count}")}.");
        }

        var history = History(options);
        IEnumerable<IReadOnlyList<string>> Inputs()
        {
            var sets = JobInputs.Combine(sources);
            return batching is null ? sets : ArgumentBatches.Group(sets, template, batching, options.Slots);
        }

        // Sources that can be read twice are counted first, when asked; standard input cannot be.
        var countable = options.CountJobs && options.Sources.Count > 0 && options.Sources.All(s => !s.IsStandardInput);
        return new JobPlan(template)
        {
            Inputs = Inputs(),
            Total = countable ? Inputs().LongCount() : null,
            Skip = history is null ? null : options.Resume ? history.Ran : history.Succeeded,
        };
    }

    private static JobPlan Piped(JobPlanOptions options, Stream? standardInput)
    {
        if (options.Once)
        {
            throw JobPlanInputs.Error("Once runs the command as given, without values; it does not go with Pipe or PipePart.", nameof(options.Once), nameof(options.Pipe), nameof(options.PipePart));
        }

        var template = CommandTemplate.Parse(options.Command, options.Shell);
        if (FirstGiven((nameof(options.MaxArgs), options.MaxArgs is not null), (nameof(options.ContextReplace), options.ContextReplace), (nameof(options.Xargs), options.Xargs),
                (nameof(options.MaxChars), options.MaxChars is not null), (nameof(options.ColumnSeparator), options.ColumnSeparator is not null), (nameof(options.Csv), options.Csv)) is { } values)
        {
            throw JobPlanInputs.Error($"{values} gives jobs values; with Pipe they get blocks of input instead.", values, nameof(options.Pipe));
        }

        if (template.HighestSource > 0)
        {
            throw new AtelierException($"Jobs given blocks of input have no input values: {{{template.HighestSource}}} names none.");
        }

        if (options.Resume || options.ResumeFailed)
        {
            throw JobPlanInputs.Error("Resume cannot recognise blocks of input: their jobs all have the same command line.", nameof(options.Resume));
        }

        if (options.RoundRobin && options.Queued)
        {
            throw JobPlanInputs.Error("RoundRobin runs locally only: its jobs read blocks as they come, which a queue cannot carry.", nameof(options.RoundRobin));
        }

        if (options.RoundRobin && options.Attempts > 1)
        {
            throw JobPlanInputs.Error("Attempts cannot go with RoundRobin: a job's blocks are gone once it has read them.", nameof(options.Attempts), nameof(options.RoundRobin));
        }

        var cut = JobPlanInputs.CutOptions(options);
        if (options.PipePart)
        {
            if (options.Sources is not [{ File: { } file }] || file == JobSource.StandardInput)
            {
                throw JobPlanInputs.Error("PipePart cuts one file: name it as a source; for standard input use Pipe.", nameof(options.PipePart), nameof(options.Pipe));
            }

            if (options.Exactly is not null)
            {
                throw JobPlanInputs.Error("Blocks of a file are cut by size, not by a number of records: give BlockSize, not Exactly.", nameof(options.BlockSize), nameof(options.Exactly));
            }

            // Counted, the ranges are found once and kept: a file is not scanned twice.
            var ranges = FileBlocks.Split(file, cut, options.Slots);
            var found = options.CountJobs ? ranges.ToList() : null;
            return new JobPlan(template) { Blocks = found ?? ranges, Total = found?.Count };
        }

        if (options.Sources.Count > 0)
        {
            throw JobPlanInputs.Error("Pipe gives jobs blocks of standard input and takes no sources; for a file use PipePart.", nameof(options.Pipe), nameof(options.PipePart));
        }

        if (cut.BlockSize < 0)
        {
            throw JobPlanInputs.Error("BlockSize -N (blocks per job slot) needs the file's size: it goes with PipePart; give Pipe a size.", nameof(options.BlockSize), nameof(options.PipePart), nameof(options.Pipe));
        }

        var blocks = StreamBlocks.Read(standardInput ?? Stream.Null, cut);
        return new JobPlan(template) { Blocks = options.RoundRobin ? RoundRobin.Share(blocks, options.Slots) : blocks, Total = options.RoundRobin ? options.Slots : null };
    }

    private static JobLogHistory? History(JobPlanOptions options)
    {
        if (!options.Resume && !options.ResumeFailed)
        {
            return null;
        }

        var asked = options.Resume ? nameof(options.Resume) : nameof(options.ResumeFailed);
        return options.JobLog is { } log ? JobLog.Read(log) : throw JobPlanInputs.Error($"{asked} needs JobLog FILE: the log says which jobs ran.", asked, nameof(options.JobLog));
    }

    /// <summary>The first of the settings given, by name; null when none is.</summary>
    private static string? FirstGiven(params (string Name, bool Given)[] settings) => settings.FirstOrDefault(s => s.Given).Name;
}
