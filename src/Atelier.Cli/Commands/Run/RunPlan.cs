using System.CommandLine;
using Atelier.Jobs.Inputs;
using Atelier.Jobs.Log;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;

namespace Atelier.Cli.Commands.Run;

/// <summary>What a run will do: the command template, its inputs, the jobs a job log says to skip, and how many jobs there are when that can be known ahead.</summary>
internal sealed record RunPlan(CommandTemplate Template, IEnumerable<IReadOnlyList<string>> Inputs, long? Total, Func<Job, bool>? Skip)
{
    /// <exception cref="AtelierException">The command, a source or the resume options cannot work.</exception>
    public static RunPlan From(ParseResult parse, RunCommandLine line)
    {
        var useShell = parse.GetValue(line.Shell);
        var (templateWords, sourceWords) = RunArguments.Split(parse.GetValue(line.Words) ?? [], useShell);
        var template = CommandTemplate.Parse(templateWords, useShell);
        var separator = parse.GetValue(line.Null) ? '\0' : '\n';
        if (template.HighestSource > RunInputs.Count(sourceWords))
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
        return new RunPlan(
            template,
            JobInputs.Combine(RunInputs.Open(sourceWords, separator)),
            countFirst ? JobInputs.Combine(RunInputs.Open(sourceWords, separator)).LongCount() : null,
            history is null ? null : resume ? history.Ran : history.Succeeded);
    }
}
