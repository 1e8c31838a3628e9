using System.Text;
using Atelier.Jobs.Log;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Planning;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Planning;

/// <summary>GNU parallel's rules, as the library checks them, and the plans they make.</summary>
public sealed class JobPlanTests
{
    private static readonly JobPlanOptions Echo = new() { Command = ["echo", "{}"], Sources = [new JobSource(["a", "b"], null)], Slots = 2 };

    public static TheoryData<string, string, string[]> Mistakes() => new()
    {
        { "RoundRobin", "RoundRobin goes with Pipe or PipePart.", ["RoundRobin", "Pipe", "PipePart"] },
        { "BlockSize", "BlockSize goes with Pipe or PipePart.", ["BlockSize", "Pipe", "PipePart"] },
        { "RecordEnd", "RecordEnd goes with Pipe or PipePart.", ["RecordEnd", "Pipe", "PipePart"] },
        { "ContextReplace Xargs", "ContextReplace and Xargs are two ways to fill a command line: choose one.", ["ContextReplace", "Xargs"] },
        { "Exactly ContextReplace", "Exactly gives each job exactly N values; it does not go with ContextReplace.", ["Exactly", "ContextReplace"] },
        { "Exactly MaxArgs", "Exactly gives each job exactly N values; it does not go with MaxArgs.", ["Exactly", "MaxArgs"] },
        { "Exactly TwoSources", "Exactly takes N values of one input source, and there are 2; for sets of values from each, use MaxArgs.", ["Exactly", "MaxArgs"] },
        { "Exactly HighValue", "{3} names value 3, but Exactly 2 gives each job 2.", ["Exactly"] },
        { "MaxChars", "MaxChars goes with MaxArgs, Xargs, ContextReplace or Exactly.", ["MaxChars", "MaxArgs", "Xargs", "ContextReplace", "Exactly"] },
        { "Resume", "Resume needs JobLog FILE: the log says which jobs ran.", ["Resume", "JobLog"] },
        { "ResumeFailed", "ResumeFailed needs JobLog FILE: the log says which jobs ran.", ["ResumeFailed", "JobLog"] },
        { "Header 2", "Header '2' names columns only as ':' (the first line); a number of lines goes with Pipe.", ["Header", "Pipe"] },
        { "Csv ColumnSeparator", "Csv takes one character as ColumnSeparator, not 'ab'.", ["Csv", "ColumnSeparator"] },
        { "Pipe Sources", "Pipe gives jobs blocks of standard input and takes no sources; for a file use PipePart.", ["Pipe", "PipePart"] },
        { "Pipe Xargs", "Xargs gives jobs values; with Pipe they get blocks of input instead.", ["Xargs", "Pipe"] },
        { "Pipe Resume", "Resume cannot recognise blocks of input: their jobs all have the same command line.", ["Resume"] },
        { "Pipe RoundRobin Queued", "RoundRobin runs locally only: its jobs read blocks as they come, which a queue cannot carry.", ["RoundRobin"] },
        { "Pipe RoundRobin Attempts", "Attempts cannot go with RoundRobin: a job's blocks are gone once it has read them.", ["Attempts", "RoundRobin"] },
        { "Pipe BlockSize -2", "BlockSize -N (blocks per job slot) needs the file's size: it goes with PipePart; give Pipe a size.", ["BlockSize", "PipePart", "Pipe"] },
        { "PipePart", "PipePart cuts one file: name it as a source; for standard input use Pipe.", ["PipePart", "Pipe"] },
        { "PipePart Exactly", "Blocks of a file are cut by size, not by a number of records: give BlockSize, not Exactly.", ["BlockSize", "Exactly"] },
        { "Once Sources", "Once runs the command as given, without values: give no Sources.", ["Once", "Sources"] },
        { "Once Resume", "Once is one job without values, which no job log can tell apart from the same job on another host: it does not go with Resume or ResumeFailed.", ["Once", "Resume", "ResumeFailed"] },
        { "Pipe Once", "Once runs the command as given, without values; it does not go with Pipe or PipePart.", ["Once", "Pipe", "PipePart"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Create_OptionsThatDoNotGoTogether_SayWhyNamingTheSettings(string mistake, string message, string[] settings)
    {
        var options = mistake switch
        {
            "RoundRobin" => Echo with { RoundRobin = true },
            "BlockSize" => Echo with { BlockSize = 1024 },
            "RecordEnd" => Echo with { RecordEnd = "\\0" },
            "ContextReplace Xargs" => Echo with { ContextReplace = true, Xargs = true },
            "Exactly ContextReplace" => Echo with { Exactly = 2, ContextReplace = true },
            "Exactly MaxArgs" => Echo with { Exactly = 2, MaxArgs = 3 },
            "Exactly TwoSources" => Echo with { Exactly = 2, Sources = [new JobSource(["a"], null), new JobSource(["b"], null)] },
            "Exactly HighValue" => Echo with { Exactly = 2, Command = ["echo", "{3}"] },
            "MaxChars" => Echo with { MaxChars = 100 },
            "Resume" => Echo with { Resume = true },
            "ResumeFailed" => Echo with { ResumeFailed = true },
            "Header 2" => Echo with { Header = "2" },
            "Csv ColumnSeparator" => Echo with { Csv = true, ColumnSeparator = "ab" },
            "Pipe Sources" => Echo with { Pipe = true, Command = ["wc"] },
            "Pipe Xargs" => Echo with { Pipe = true, Xargs = true, Command = ["wc"] },
            "Pipe Resume" => Echo with { Pipe = true, Resume = true, Command = ["wc"], Sources = [] },
            "Pipe RoundRobin Queued" => Echo with { Pipe = true, RoundRobin = true, Queued = true, Command = ["wc"], Sources = [] },
            "Pipe RoundRobin Attempts" => Echo with { Pipe = true, RoundRobin = true, Attempts = 2, Command = ["wc"], Sources = [] },
            "Pipe BlockSize -2" => Echo with { Pipe = true, BlockSize = -2, Command = ["wc"], Sources = [] },
            "PipePart" => Echo with { PipePart = true, Command = ["wc"], Sources = [] },
            "PipePart Exactly" => Echo with { PipePart = true, Exactly = 2, Command = ["wc"], Sources = [new JobSource(null, "/etc/hostname")] },
            "Once Sources" => Echo with { Once = true },
            "Once Resume" => Echo with { Once = true, Sources = [], Resume = true, JobLog = "jobs.log" },
            "Pipe Once" => Echo with { Pipe = true, Once = true, Command = ["wc"], Sources = [] },
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };

        var error = Assert.Throws<AtelierException>(() => JobPlan.Create(options, Stream.Null));

        Assert.Equal(message, error.Message);
        Assert.Equal(settings.Select(s => $"JobPlanOptions.{s}"), error.Settings);
    }

    [Fact]
    public void Create_SourcesMultiply_AndAreReadAsJobsStart()
    {
        var plan = JobPlan.Create(Echo with { Command = ["echo", "{1}", "{2}"], Sources = [new JobSource(["a", "b"], null), new JobSource(["1", "2"], null)] });

        Assert.Equal(["a 1", "a 2", "b 1", "b 2"], plan.Inputs.Select(values => string.Join(' ', values)));
        Assert.Null(plan.Total);
        Assert.Null(plan.Blocks);
    }

    [Fact]
    public void Create_Once_IsOneJobWithoutValues_AndReadsNoStandardInput()
    {
        using var input = new MemoryStream("x\n"u8.ToArray());

        var plan = JobPlan.Create(new JobPlanOptions { Command = ["uptime"], Once = true }, input);

        Assert.Equal(["uptime"], plan.CommandLines());
        Assert.Empty(Assert.Single(plan.Inputs));
        Assert.Equal((1L, 0L), (plan.Total, input.Position));
    }

    [Fact]
    public void Create_NoSource_ReadsValuesFromStandardInput_AndCannotCountThem()
    {
        using var input = new MemoryStream("x\ny z\n"u8.ToArray());

        var plan = JobPlan.Create(Echo with { Sources = [], CountJobs = true }, input);

        Assert.Equal(["x", "y z"], plan.Inputs.Select(values => Assert.Single(values)));
        Assert.Null(plan.Total);
    }

    [Fact]
    public void Create_CountJobs_CountsSourcesThatCanBeReadTwice()
    {
        using var folder = new TempFolder();
        var list = Path.Combine(folder.Path, "list.txt");
        File.WriteAllLines(list, ["1", "2", "3"]);

        var plan = JobPlan.Create(Echo with { Sources = [new JobSource(null, list)], CountJobs = true, MaxArgs = 2 });

        Assert.Equal(2, plan.Total);
        Assert.Equal(["1 2", "3"], plan.Inputs.Select(values => string.Join(' ', values)));
    }

    [Fact]
    public void Create_CsvWithHeader_NamesColumnsInTheCommand()
    {
        using var input = new MemoryStream("photo,size\n\"a, b.jpg\",10\n"u8.ToArray());

        var plan = JobPlan.Create(Echo with { Command = ["convert", "{photo}", "-resize", "{size}", "{photo.}.png"], Sources = [], Csv = true, Header = ":" }, input);

        var values = Assert.Single(plan.Inputs);
        Assert.Equal("convert 'a, b.jpg' -resize 10 'a, b.png'", plan.Template.CreateJob(values, 1, 1).CommandLine);
    }

    [Fact]
    public void Create_Pipe_GivesBlocksOfStandardInputCutAtRecordEnds()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i}\t\n"));
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var plan = JobPlan.Create(new JobPlanOptions { Command = ["wc", "-l"], Pipe = true, BlockSize = 100, RecordEnd = "\\t\\n" }, input);

        var blocks = plan.Blocks!.Select(block => Encoding.UTF8.GetString(block.ToArray())).ToList();
        Assert.True(blocks.Count > 5, $"{blocks.Count} blocks");
        Assert.All(blocks, block => Assert.EndsWith("\t\n", block, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(blocks));
    }

    [Fact]
    public void Create_PipePartCounted_FindsTheRangesOnce()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "table.tsv");
        File.WriteAllText(file, string.Concat(Enumerable.Range(0, 1000).Select(i => $"{i}\n")));

        var plan = JobPlan.Create(new JobPlanOptions { Command = ["wc", "-l"], PipePart = true, Sources = [new JobSource(null, file)], Slots = 2, CountJobs = true });

        // -10 blocks per job slot by default; kept as found, so the run does not scan the file again.
        var ranges = Assert.IsAssignableFrom<IReadOnlyList<JobInput>>(plan.Blocks);
        Assert.Equal(20, plan.Total);
        Assert.Equal(20, ranges.Count);
        Assert.Equal(new FileInfo(file).Length, ranges.Sum(range => range.Length));
    }

    [Fact]
    public async Task Create_ResumeFailed_SkipsTheJobsTheLogSaysSucceeded()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "jobs.log");
        await File.WriteAllLinesAsync(log, [JobLog.Header, "1\t:\t0\t0.1\t0\t0\t0\t0\techo a", "2\t:\t0\t0.1\t0\t0\t1\t0\techo b"], TestContext.Current.CancellationToken);

        var plan = JobPlan.Create(Echo with { JobLog = log, ResumeFailed = true });

        var jobs = plan.Inputs.Select((values, i) => plan.Template.CreateJob(values, i + 1, 1)).ToList();
        Assert.Equal([true, false], jobs.Select(plan.Skip!));
    }

    [Theory]
    [InlineData("\\n", "\n")]
    [InlineData("\\t|", "\t|")]
    [InlineData("\\0", "\0")]
    [InlineData("a\\\\b", "a\\b")]
    [InlineData("\\q", "\\q")]
    public void RecordMarks_ReadTheEscapesGnuParallelReads(string text, string expected) =>
        Assert.Equal(Encoding.UTF8.GetBytes(expected), JobPlanInputs.Unescape(text));
}
