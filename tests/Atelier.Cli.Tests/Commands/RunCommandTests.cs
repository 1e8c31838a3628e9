using nietras.SeparatedValues;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.Commands;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_Values_EachJobsOutputInInputOrderWithKeepOrder()
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "-j", "4", "sh", "-c", "sleep 0.0$1; echo job $1", "sh", ":::", "3", "1", "2", "0"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["job 3", "job 1", "job 2", "job 0"], run.OutputLines);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("--bar")]
    [InlineData("--eta")]
    [InlineData("--progress")]
    public async Task Run_WithTheBar_EndsWithASummary(string bar)
    {
        var run = await CliRun.InvokeAsync(["run", bar, "-j", "4", "true", ":::", "1", "2", "3", "4"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^atelier run: 4 succeeded, 0 failed in \d+\.\d\d s; [\d,.]+ jobs/s\.$", run.ErrorLines[^1]);
    }

    [Fact]
    public async Task Run_JobsZero_RunsAsManyAsPossibleAtOnce()
    {
        // Each job waits until all forty have started: only forty at once can end before --timeout.
        using var folder = new TempFolder();
        var values = Enumerable.Range(1, 40).Select(i => $"{i}").ToList();
        var script = $"touch {folder.Path}/$1; while [ $(ls {folder.Path} | wc -l) -lt 40 ]; do sleep 0.05; done; echo $1";

        var run = await CliRun.InvokeAsync(["run", "-j", "0", "--timeout", "20s", "sh", "-c", script, "sh", ":::", .. values]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(values.Order(StringComparer.Ordinal), run.OutputLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ConcurrentJobs_NeverInterleaveTheirLines()
    {
        var run = await CliRun.InvokeAsync(["run", "-j", "4", "sh", "-c", "for i in 1 2 3 4; do echo $1-$i; sleep 0.01; done", "sh", ":::", "a", "b", "c", "d"]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutputLines;
        Assert.Equal(16, lines.Count);
        for (var job = 0; job < 4; job++)
        {
            var value = lines[job * 4].Split('-')[0];
            Assert.Equal([$"{value}-1", $"{value}-2", $"{value}-3", $"{value}-4"], lines.Skip(job * 4).Take(4));
        }
    }

    [Fact]
    public async Task Run_CommandsOwnOptions_StayTheCommands()
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "printf", "-%s-\\n", ":::", "-v", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["--v-", "---help-"], run.OutputLines);
    }

    [Fact]
    public async Task Run_SourcesMultiplyAndLink()
    {
        var product = await CliRun.InvokeAsync(["run", "-k", "echo", "{1}{2}", ":::", "a", "b", ":::", "1", "2"]);
        var linked = await CliRun.InvokeAsync(["run", "-k", "echo", "{1}{2}", ":::", "a", "b", "c", ":::+", "1", "2"]);

        Assert.Equal(["a1", "a2", "b1", "b2"], product.OutputLines);
        Assert.Equal(["a1", "b2", "c1"], linked.OutputLines);
    }

    [Fact]
    public async Task Run_FileSource_OneJobPerLine()
    {
        using var folder = new TempFolder();
        var list = Path.Combine(folder.Path, "list");
        await File.WriteAllTextAsync(list, "photo one.jpg\ndir/two.png\n", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["run", "-k", "echo", "{/.}", "{//}", "::::", list]);

        Assert.Equal(["photo one .", "two dir"], run.OutputLines);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_HostileValues_AreNeverCode(bool useShell)
    {
        using var folder = new TempFolder();
        var pwned = Path.Combine(folder.Path, "pwned");
        string[] values = ["a b", "it's", $"$(touch {pwned})", $"`touch {pwned}`", $"x; touch {pwned}", "new\nline", "-n"];
        string[] template = useShell ? ["--shell", "printf '<%s>\\n' {}"] : ["printf", "<%s>\\n", "{}"];

        var run = await CliRun.InvokeAsync(["run", "-k", .. template, ":::", .. values]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Concat(values.Select(v => $"<{v}>\n")), run.Output);
        Assert.False(File.Exists(pwned), "a value ran as a command");
    }

    [Fact]
    public async Task Run_ShellSyntaxWithoutShell_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["run", "gunzip -c {} | wc -l", ":::", "a.gz"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["atelier: '|' is shell syntax, and atelier runs the command without a shell: add --shell (every value is quoted for it)."], run.ErrorLines);
    }

    [Fact]
    public async Task Run_SomeJobsFail_Exit2AndTheSummaryNamesThem()
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "sh", "-c", "exit $1", "sh", ":::", "0", "3", "0", "1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^atelier run: 2 succeeded, 2 failed in \d+\.\d\d s; [\d,]+ jobs/s\.$", run.ErrorLines[0]);
        Assert.Equal(["  #2 exited with code 3: sh -c 'exit $1' sh 3", "  #4 exited with code 1: sh -c 'exit $1' sh 1"], run.ErrorLines.Skip(1));
    }

    [Fact]
    public async Task Run_MissingCommand_IsAnErrorNamingIt()
    {
        var run = await CliRun.InvokeAsync(["run", "no-such-tool-atelier", "{}", ":::", "a"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["atelier: Cannot run jobs: command 'no-such-tool-atelier' not found in PATH."], run.ErrorLines);
    }

    [Fact]
    public async Task Run_DryRun_PrintsTheCommandsAndRunsNothing()
    {
        using var folder = new TempFolder();
        var marker = Path.Combine(folder.Path, "ran");

        var run = await CliRun.InvokeAsync(["run", "--dry-run", "touch", $"{marker}-{{#}}", "{}", ":::", "a b", "c"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"touch {marker}-1 'a b'", $"touch {marker}-2 c"], run.OutputLines);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task Run_Tag_PrefixesEveryLineWithTheValues()
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "--tag", "sh", "-c", "echo one; echo two >&2", "sh", ":::", "a", "b"]);

        Assert.Equal(["a\tone", "b\tone"], run.OutputLines);
        Assert.Equal(["a\ttwo", "b\ttwo"], run.ErrorLines.Take(2));
    }

    [Fact]
    public async Task Run_LineBuffer_PassesLinesOn()
    {
        var run = await CliRun.InvokeAsync(["run", "--line-buffer", "-j", "2", "sh", "-c", "echo $1-1; sleep 0.05; echo $1-2", "sh", ":::", "a", "b"]);

        Assert.Equal(["a-1", "a-2", "b-1", "b-2"], run.OutputLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_JobLogThenResume_SkipsWhatRanEvenWhenTheListChanged()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "jobs.log");
        var first = await CliRun.InvokeAsync(["run", "--joblog", log, "echo", ":::", "a", "b"]);

        var resumed = await CliRun.InvokeAsync(["run", "-k", "--bar", "--joblog", log, "--resume", "echo", ":::", "new", "a", "b", "last"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(["new", "last"], resumed.OutputLines);
        Assert.StartsWith("atelier run: 2 succeeded, 0 failed, 2 skipped (in the job log) in ", resumed.ErrorLines[^1], StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        Assert.Equal("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand", lines[0]);
        Assert.Equal(["echo a", "echo b", "echo last", "echo new"], lines.Skip(1).Select(l => l.Split('\t')[8]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ResumeWithoutJobLog_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["run", "--resume", "echo", ":::", "a"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["atelier: --resume needs --joblog FILE: the log says which jobs ran."], run.ErrorLines);
    }

    [Fact]
    public async Task Run_HaltNowOnFailure_StopsAndSaysSo()
    {
        var run = await CliRun.InvokeAsync(["run", "-j", "1", "--halt", "now,fail=1", "sh", "-c", "exit $1", "sh", ":::", "0", "5", "0", "0"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("atelier run: 1 succeeded, 1 failed in ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.EndsWith(" jobs/s. Halted by --halt now,fail=1: no more jobs were started.", run.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-j x", "atelier: --jobs 'x' is not a number of jobs (4, 50%, +1, -1, 0). See 'atelier run --help'.")]
    [InlineData("--halt sometimes", "atelier: --halt 'sometimes' is not a halt policy (now,fail=1; soon,fail=10%; now,success=1). See 'atelier run --help'.")]
    [InlineData("--timeout soon", "atelier: --timeout 'soon' is not a duration (for example 500ms, 10s, 2m). See 'atelier run --help'.")]
    public async Task Run_BadOption_IsAOneLineUsageError(string option, string message)
    {
        var run = await CliRun.InvokeAsync(["run", .. option.Split(' '), "echo", ":::", "a"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([message], run.ErrorLines);
    }

    [Theory]
    [InlineData("--zzz wc -l")]
    [InlineData("-u echo ::: a b")]
    [InlineData("--frobnicate echo ::: a")]
    public async Task Run_UnknownOption_IsAUsageErrorNamingItInsteadOfACommand(string args)
    {
        var run = await CliRun.InvokeAsync(["run", .. args.Split(' ')]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"atelier: unknown option '{args.Split(' ')[0]}' for 'run'. A value that starts with - goes after --. See 'atelier run --help'."], run.ErrorLines);
    }

    [Fact]
    public async Task Run_OptionLikeWordsAfterTheCommand_AreTheCommands()
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "echo", "--pipe", "-X", ":::", "a"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["--pipe -X a"], run.OutputLines);
    }

    [Fact]
    public async Task Run_PerlExpression_IsRefusedNotRunAsText()
    {
        var run = await CliRun.InvokeAsync(["run", "echo", "{=", "s/a/X/", "=}", ":::", "abc"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["atelier: '{=' starts a Perl expression ({= ... =}), which atelier does not run; use {.} {/} {//} {/.}, or --shell and the shell's own tools."], run.ErrorLines);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Run_PlaceholderForAMissingSource_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["run", "echo", "{3}", ":::", "a", ":::", "b"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["atelier: {3} names input source 3, but there are 2."], run.ErrorLines);
    }

    [Fact]
    public async Task Run_Interrupted_StopsJobsAndExits130WithTheSummary()
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        interrupt.CancelAfter(TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await CliRun.InvokeAsync(["run", "-j", "2", "sleep", ":::", "30", "30", "30"], interrupt.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.StartsWith("atelier run: Interrupted: 0 failed, 2 stopped, the rest not started in ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.EndsWith(" s; none ran to its end. No more jobs were started; running ones were stopped.", run.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_QueueWithALocalOnlyOption_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["run", "--queue", "redis://127.0.0.1:1/jobs", "--halt", "now,fail=1", "echo", ":::", "a"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["atelier: --halt works on local runs only, not with --queue."], run.ErrorLines);
    }

    [Fact]
    public async Task Run_Bar_NotOnATerminal_PrintsProgressLines()
    {
        var run = await CliRun.InvokeAsync(["run", "--bar", "sleep", ":::", "2.5"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("run: 0/1 jobs, 0 failed", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker", "atelier: Option '--queue' is required. See 'atelier worker --help'.")]
    [InlineData("worker --queue redis://host", "atelier: 'redis://host' names no queue: add it after the port, as in redis://host/jobs. See 'atelier worker --help'.")]
    [InlineData("queue status http://host/jobs", "atelier: 'http://host/jobs' is not a queue address (redis://HOST:PORT/NAME, or rediss:// for TLS). See 'atelier queue status --help'.")]
    public async Task QueueCommands_BadAddress_AreOneLineUsageErrors(string args, string message)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([message], run.ErrorLines);
    }

    [Fact]
    public async Task Run_Pipe_CutsStandardInputIntoBlocksForEachJob()
    {
        var lines = string.Concat(Enumerable.Range(1, 1000).Select(i => $"{i}\n"));

        var run = await CliRun.InvokeAsync(["run", "-k", "--pipe", "--block", "1k", "wc", "-l"], lines);

        Assert.Equal(0, run.ExitCode);
        var counts = run.OutputLines.Select(l => int.Parse(l.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(counts.Count > 1, $"{counts.Count} blocks");
        Assert.Equal(1000, counts.Sum());
    }

    [Fact]
    public async Task Run_NoSource_TakesItsValuesFromStandardInput()
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "echo", "got"], "one\ntwo words\n");

        Assert.Equal((0, "got one\ngot two words\n"), (run.ExitCode, run.Output));
    }

    [Fact]
    public async Task Run_PipePart_CutsTheFileAtRecordsAsGnuParallelDoes()
    {
        using var folder = new TempFolder();
        var file = folder.Write("in.txt", "a\nbb\nccc\ndddd\neeeee\nf\n");

        var run = await CliRun.InvokeAsync(["run", "--pipe-part", "-a", file, "--block", "7", "-k", "wc", "-c"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["9", "11", "2"], run.OutputLines.Select(line => line.Trim()));
    }

    [Fact]
    public async Task Run_PipePart_HeaderGoesBeforeEveryRangeAsGnuParallelDoes()
    {
        using var folder = new TempFolder();
        var file = folder.Write("table.tsv", "name\tsize\na\t1\nb\t2\nc\t3\n");

        var run = await CliRun.InvokeAsync(["run", "--pipe-part", "--header", ":", "--block", "4", "-k", "paste", "-sd,", "::::", file]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["name\tsize,a\t1,b\t2", "name\tsize,c\t3"], run.OutputLines);
    }

    [Theory]
    [InlineData("--block 1M echo ::: a", "atelier: --block goes with --pipe or --pipe-part.")]
    [InlineData("--pipe echo ::: a", "atelier: --pipe gives jobs blocks of standard input and takes no sources; for a file use --pipe-part.")]
    [InlineData("--pipe-part wc -l", "atelier: --pipe-part cuts one file: name it as a source; for standard input use --pipe.")]
    [InlineData("--pipe --block -2 wc -l", "atelier: --block -N (blocks per job slot) needs the file's size: it goes with --pipe-part; give --pipe a size.")]
    [InlineData("--pipe --block 1X wc -l", "atelier: --block '1X' is not a size (1M, 512k) or -N. See 'atelier run --help'.")]
    [InlineData("--pipe --round-robin --queue redis://127.0.0.1:1/jobs wc -l", "atelier: --round-robin runs locally only: its jobs read blocks as they come, which a queue cannot carry.")]
    public async Task Run_PipeOptionsThatCannotWork_AreOneLineUsageErrors(string args, string message)
    {
        var run = await CliRun.InvokeAsync(["run", .. args.Split(' ')]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([message], run.ErrorLines);
    }

    // Expected outputs are GNU parallel 20221122's for the same command (-k -j2); each job prints its arguments as <arg>.
    [Theory]
    [InlineData("-n2", "x{}y ::: a b c", "<xa><by>|<xcy>")]
    [InlineData("-N2", "x{}y ::: a b c", "<xay><xby>|<xcy>")]
    [InlineData("-N3", "{1} {2} {3} ::: a b c d", "<a><b><c>|<d>")]
    [InlineData("-X", "{#}-{} ::: a b c d e", "<1-a><1-b><1-c>|<2-d><2-e>")]
    [InlineData("-m", "x{}y ::: a b c d e", "<xa><b><cy>|<xd><ey>")]
    [InlineData("-n3 -X", "x{}y ::: a b c d e", "<xay><xby><xcy>|<xdy>|<xey>")]
    [InlineData("-n2", "::: a b c ::: 1 2", "<a><1><a><2>|<b><1><b><2>|<c><1><c><2>")]
    public async Task Run_SeveralValuesPerJob_AsGnuParallelGroupsThem(string options, string words, string expected)
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "-j", "2", .. options.Split(' '), "sh", "-c", "printf '<%s>' \"$@\"; echo", "sh", .. words.Split(' ')]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, string.Join('|', run.OutputLines));
    }

    [Fact]
    public async Task Run_MaxChars_CountsTheWholeCommandLine()
    {
        var run = await CliRun.InvokeAsync("run -k -j 2 -X -s 21 echo ::: aaa bbb ccc ddd eee fff");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["aaa bbb ccc ddd", "eee", "fff"], run.OutputLines);
    }

    [Fact]
    public async Task Run_X_OverManyNames_StartsFewJobsAndPassesEveryNameOnce()
    {
        using var folder = new TempFolder();
        var names = Enumerable.Range(1, 5000).Select(i => $"photos/holiday {i:D5}.jpg").ToList();
        var list = folder.Write("names", string.Join('\n', names) + "\n");

        var run = await CliRun.InvokeAsync(["run", "-X", "-k", "--bar", "printf", "%s\\n", "::::", list]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(names, run.OutputLines);
        var jobs = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Error, @"(\d+) succeeded").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(jobs, 2, 4);
    }

    [Theory]
    [InlineData("-X -m echo ::: a", "atelier: -X and -m are two ways to fill a command line: choose one.")]
    [InlineData("-N2 -X echo ::: a", "atelier: -N gives each job exactly N values; it does not go with -X.")]
    [InlineData("-N2 echo ::: a ::: b", "atelier: -N takes N values of one input source, and there are 2; for sets of values from each, use -n.")]
    [InlineData("-N2 echo {3} ::: a", "atelier: {3} names value 3, but -N 2 gives each job 2.")]
    [InlineData("-N 0 echo ::: a", "atelier: -N '0' must be at least 1. See 'atelier run --help'.")]
    [InlineData("-s 100 echo ::: a", "atelier: --max-chars goes with -n, -m, -X or -N.")]
    [InlineData("--results /nonexistent/r.jsonl --line-buffer echo ::: a", "atelier: --results keeps each job's whole output; --line-buffer passes it on as it comes: choose one.")]
    [InlineData("--pipe -X wc -l", "atelier: -X gives jobs values; with --pipe they get blocks of input instead.")]
    public async Task Run_ValuesPerJobThatCannotWork_AreOneLineUsageErrors(string args, string message)
    {
        var run = await CliRun.InvokeAsync(["run", .. args.Split(' ')]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([message], run.ErrorLines);
    }

    [Fact]
    public async Task Run_HeaderNamesTheColumns_TabsByDefault()
    {
        using var folder = new TempFolder();
        var table = folder.Write("t.tsv", "file\tsize\nphoto.jpg\t10\nnotes.txt\t20\n");

        var run = await CliRun.InvokeAsync(["run", "-k", "--header", ":", "echo", "{size}", "{file.}", "::::", table]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["10 photo", "20 notes"], run.OutputLines);
    }

    [Fact]
    public async Task Run_ColumnSeparator_GivesEachColumnAsAValue()
    {
        var run = await CliRun.InvokeAsync(["run", "-k", "--colsep", ",", "printf", "<%s>\\n", "{2}", ":::", "a,b", "c,d"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["<b>", "<d>"], run.OutputLines);
    }

    [Fact]
    public async Task Run_Csv_QuotedFieldsStayWhole()
    {
        using var folder = new TempFolder();
        var table = folder.Write("t.csv", "name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n");

        var run = await CliRun.InvokeAsync(["run", "--csv", "--header", ":", "printf", "<%s>", "{note}", "{name}", "::::", table]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("<said \"hi\"><Smith, J>", run.Output);
    }

    [Fact]
    public async Task Run_CsvWithAnUnclosedQuote_IsOneLineNamingTheLine()
    {
        using var folder = new TempFolder();
        var table = folder.Write("t.csv", "a,b\n\"c,d\n");

        var run = await CliRun.InvokeAsync(["run", "--csv", "echo", "::::", table]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"atelier: {table}, line 2: a quoted field is not closed (a \" with no \" after it).", run.ErrorLines);
    }

    [Fact]
    public async Task Run_ResultsFolder_KeepsEachJobsFilesInGnuParallelsLayout()
    {
        using var folder = new TempFolder();
        var results = Path.Combine(folder.Path, "out");

        var run = await CliRun.InvokeAsync(["run", "--results", results, "--shell", "echo out {1}; echo err >&2; exit {2}", ":::", "a/b", "..", ":::", "3"]);

        Assert.Equal(2, run.ExitCode);
        var job = Path.Combine(results, "1", "a\\_b", "2", "3");
        Assert.Equal(("out a/b\n", "err\n", "1\n", "3\n"), (File.ReadAllText(Path.Combine(job, "stdout")), File.ReadAllText(Path.Combine(job, "stderr")), File.ReadAllText(Path.Combine(job, "seq")), File.ReadAllText(Path.Combine(job, "exit"))));
        Assert.True(File.Exists(Path.Combine(results, "1", "\\.\\.", "2", "3", "stdout")));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.part", SearchOption.AllDirectories));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Run_ResultsJsonLines_OneObjectPerJob()
    {
        using var folder = new TempFolder();
        var results = Path.Combine(folder.Path, "r.jsonl");

        var run = await CliRun.InvokeAsync(["run", "-k", "--results", results, "--shell", "printf '%s' {}; exit 1", ":::", "say \"hi\"", "b"]);

        Assert.Equal(2, run.ExitCode);
        var jobs = File.ReadAllLines(results).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).OrderBy(job => job.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.Equal("say \"hi\"", jobs[0].GetProperty("values")[0].GetString());
        Assert.Equal("say \"hi\"", jobs[0].GetProperty("stdout").GetString());
        Assert.Equal((1, System.Text.Json.JsonValueKind.Null), (jobs[1].GetProperty("exit").GetInt32(), jobs[1].GetProperty("signal").ValueKind));
    }

    [Fact]
    public async Task Run_ResultsCsv_HasGnuParallelsColumns()
    {
        using var folder = new TempFolder();
        var results = Path.Combine(folder.Path, "r.csv");

        var run = await CliRun.InvokeAsync(["run", "-k", "-j", "1", "--results", results, "printf", "%s,\\n", ":::", "a,b", "c"]);

        Assert.Equal(0, run.ExitCode);
        using var csv = Sep.Reader(o => o with { Unescape = true }).FromFile(results);
        Assert.Equal(["Seq", "Host", "Starttime", "JobRuntime", "Send", "Receive", "Exitval", "Signal", "Command", "V1", "Stdout", "Stderr"], csv.Header.ColNames);
        var rows = new List<(string, string, string)>();
        foreach (var row in csv)
        {
            rows.Add((row["Seq"].ToString(), row["V1"].ToString(), row["Stdout"].ToString()));
        }

        Assert.Equal([("1", "a,b", "a,b,\n"), ("2", "c", "c,\n")], rows);
    }
}
