using System.CommandLine;
using Atelier.Jobs.Inputs;
using Atelier.Jobs.Log;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;

namespace Atelier.Cli.Commands.Run;

/// <summary>
/// What a run will do: the command template, then either each job's values or each job's block of input
/// (<c>--pipe</c>), the jobs a job log says to skip, and how many jobs there are when that can be known ahead.
/// </summary>
internal sealed record RunPlan(CommandTemplate Template, IEnumerable<IReadOnlyList<string>> Inputs, long? Total, Func<Job, bool>? Skip)
{
    /// <summary>Each job's stdin, when the jobs get blocks of an input rather than values.</summary>
    public IEnumerable<JobInput>? Blocks { get; init; }

    /// <exception cref="AtelierException">The command, a source or the resume options cannot work.</exception>
    public static RunPlan From(ParseResult parse, RunCommandLine line)
    {
        var useShell = parse.GetValue(line.Shell);
        var (templateWords, commandSources) = RunArguments.Split(parse.GetValue(line.Words) ?? [], useShell);
        IReadOnlyList<SourceWords> sourceWords = [.. (parse.GetValue(line.ArgFiles) ?? []).Select(file => new SourceWords(null, file, false)), .. commandSources];
        if (parse.GetValue(line.Pipe) || parse.GetValue(line.PipePart))
        {
            return Piped(parse, line, CommandTemplate.Parse(templateWords, useShell), sourceWords);
        }

        var format = Format(parse, line);
        var sources = RunInputs.Open(sourceWords, format);
        var batching = Batching(parse, line, RunInputs.Count(sourceWords));
        templateWords = RunSyntax.NameColumns(templateWords, [.. sources.SelectMany(source => source.Header ?? [])]);
        var template = CommandTemplate.Parse(templateWords, useShell, contextReplace: parse.GetValue(line.ContextReplace) || batching?.Exactly is not null);
        foreach (var pipeOnly in (Option[])[line.RoundRobin, line.RecordEnd, line.RecordStart, line.Block])
        {
            if (parse.GetResult(pipeOnly) is { Implicit: false })
            {
                throw new AtelierException($"{pipeOnly.Name} goes with --pipe or --pipe-part.");
            }
        }

        if (batching?.Exactly is { } exactly && template.HighestSource > exactly)
        {
            throw new AtelierException($"{{{template.HighestSource}}} names value {template.HighestSource}, but -N {exactly} gives each job {exactly}.");
        }

        if (batching?.Exactly is null && !format.HasColumns && template.HighestSource > RunInputs.Count(sourceWords))
        {
            var count = RunInputs.Count(sourceWords);
            throw new AtelierException($"{{{template.HighestSource}}} names input source {template.HighestSource}, but there {(count == 1 ? "is 1" : $"are {count}")}.");
        }

        var logPath = parse.GetValue(line.JobLog);
        var (resume, resumeFailed) = (parse.GetValue(line.Resume), parse.GetValue(line.ResumeFailed));
        if ((resume || resumeFailed) && logPath is null)
        {
            throw new AtelierException($"{(resume ? "--resume" : "--resume-failed")} needs --joblog FILE: the log says which jobs ran.");
        }

        var history = resume || resumeFailed ? JobLog.Read(logPath!) : null;

        // The bar and a halt percentage need the number of jobs: sources that can be read twice are counted first.
        var countFirst = (parse.GetValue(line.Bar) || (parse.GetValue(line.Halt)?.Percent ?? false)) && RunInputs.CanReadTwice(sourceWords);
        var slots = line.JobSlots(parse);
        IEnumerable<IReadOnlyList<string>> Inputs()
        {
            var sets = JobInputs.Combine(sources);
            return batching is null ? sets : ArgumentBatches.Group(sets, template, batching, slots);
        }

        return new RunPlan(template, Inputs(), countFirst ? Inputs().LongCount() : null, history is null ? null : resume ? history.Ran : history.Succeeded);
    }

    /// <summary>How input text becomes values: -0, --colsep, --csv, --header.</summary>
    private static InputFormat Format(ParseResult parse, RunCommandLine line)
    {
        var header = parse.GetValue(line.Header) switch
        {
            null => false,
            ":" or "1" => true,
            var other => throw new AtelierException($"--header '{other}' names columns only as ':' (the first line); a number of lines goes with --pipe."),
        };
        var (separator, csv) = (parse.GetValue(line.ColumnSeparator), parse.GetValue(line.Csv));
        if (csv && separator is { Length: > 1 })
        {
            throw new AtelierException($"--csv takes one character as --colsep, not '{separator}'.");
        }

        return new InputFormat
        {
            RecordEnd = parse.GetValue(line.Null) ? '\0' : '\n',
            Csv = csv ? separator is [var one] ? one : ',' : null,
            ColumnSeparator = csv ? null : separator is not null ? RunSyntax.ColumnPattern(separator) : header ? RunSyntax.ColumnPattern("\t") : null,
            Header = header,
        };
    }

    /// <summary>How many values each job takes (-n, -N, -m, -X, -s); null for one set each.</summary>
    private static ArgumentBatching? Batching(ParseResult parse, RunCommandLine line, int sources)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        var (exactly, fill) = (Given(line.Records), parse.GetValue(line.ContextReplace) || parse.GetValue(line.Xargs));
        if (parse.GetValue(line.ContextReplace) && parse.GetValue(line.Xargs))
        {
            throw new AtelierException("-X and -m are two ways to fill a command line: choose one.");
        }

        if (exactly && (fill || Given(line.MaxArgs)))
        {
            throw new AtelierException($"-N gives each job exactly N values; it does not go with {(fill ? parse.GetValue(line.Xargs) ? "-m" : "-X" : "-n")}.");
        }

        if (exactly && sources > 1)
        {
            throw new AtelierException($"-N takes N values of one input source, and there are {sources}; for sets of values from each, use -n.");
        }

        if (!exactly && !fill && !Given(line.MaxArgs))
        {
            return Given(line.MaxChars) ? throw new AtelierException("--max-chars goes with -n, -m, -X or -N.") : null;
        }

        return new ArgumentBatching
        {
            Exactly = exactly ? parse.GetValue(line.Records) : null,
            MaxSets = Given(line.MaxArgs) ? parse.GetValue(line.MaxArgs) : fill ? null : 1,
            MaxChars = parse.GetValue(line.MaxChars),
            Spread = fill,
        };
    }

    /// <summary>Blocks of stdin (<c>--pipe</c>) or ranges of a file (<c>--pipe-part</c>), one per job or shared round robin.</summary>
    private static RunPlan Piped(ParseResult parse, RunCommandLine line, CommandTemplate template, IReadOnlyList<SourceWords> sources)
    {
        var part = parse.GetValue(line.PipePart);
        var roundRobin = parse.GetValue(line.RoundRobin);
        var slots = line.JobSlots(parse);
        if (((Option[])[line.MaxArgs, line.ContextReplace, line.Xargs, line.MaxChars, line.ColumnSeparator, line.Csv]).FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } values)
        {
            throw new AtelierException($"{values.Name} gives jobs values; with --pipe they get blocks of input instead.");
        }

        if (template.HighestSource > 0)
        {
            throw new AtelierException($"Jobs given blocks of input have no input values: {{{template.HighestSource}}} names none.");
        }

        if (parse.GetValue(line.Resume) || parse.GetValue(line.ResumeFailed))
        {
            throw new AtelierException("--resume cannot recognise blocks of input: their jobs all have the same command line.");
        }

        if (roundRobin && parse.GetValue(line.Retries) > 1)
        {
            throw new AtelierException("--retries cannot go with --round-robin: a job's blocks are gone once it has read them.");
        }

        var options = CutOptions(parse, line, part, roundRobin);
        if (part)
        {
            if (sources is not [{ File: { } file }] || file == "-")
            {
                throw new AtelierException("--pipe-part cuts one file: name it with -a FILE (or :::: FILE); for stdin use --pipe.");
            }

            var total = parse.GetValue(line.Bar) ? FileBlocks.Split(file, options, slots).LongCount() : (long?)null;
            return new RunPlan(template, [], total, null) { Blocks = FileBlocks.Split(file, options, slots) };
        }

        if (sources.Count > 0)
        {
            throw new AtelierException("--pipe gives jobs blocks of stdin and takes no ::: or :::: sources; for a file use --pipe-part -a FILE.");
        }

        if (options.BlockSize < 0)
        {
            throw new AtelierException("--block -N (blocks per job slot) needs the file's size: it goes with --pipe-part; give --pipe a size.");
        }

        var blocks = StreamBlocks.Read(Console.OpenStandardInput(), options);
        return new RunPlan(template, [], roundRobin ? slots : null, null) { Blocks = roundRobin ? RoundRobin.Share(blocks, slots) : blocks };
    }

    private static BlockOptions CutOptions(ParseResult parse, RunCommandLine line, bool part, bool roundRobin)
    {
        var (end, start) = (parse.GetValue(line.RecordEnd), parse.GetValue(line.RecordStart));
        var header = parse.GetValue(line.Header);
        var headerLines = header switch
        {
            null => 0,
            ":" => 1,
            _ when int.TryParse(header, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lines) => lines,
            _ => throw new AtelierException($"--header '{header}' is neither a number of lines nor ':' (one line)."),
        };

        // As GNU parallel: a record start alone means records end anywhere before it; an end alone, that they start anywhere.
        return new BlockOptions
        {
            BlockSize = parse.GetResult(line.Block) is { Implicit: false } ? parse.GetValue(line.Block) : part ? (roundRobin ? -1 : -10) : 1 << 20,
            Records = parse.GetResult(line.Records) is { Implicit: false } ? parse.GetValue(line.Records) : null,
            RecordEnd = end is not null ? RunSyntax.Unescape(end) : start is not null ? [] : "\n"u8.ToArray(),
            RecordStart = start is not null ? RunSyntax.Unescape(start) : [],
            HeaderLines = headerLines,
        };
    }
}
