using System.Diagnostics;
using System.Globalization;
using Atelier.Jobs.Inputs;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Running;

public sealed class JobRunnerTests
{
    [Fact]
    public async Task RunAsync_ManyJobs_EachEndsWithItsOwnOutput()
    {
        var values = Enumerable.Range(1, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();

        var results = await JobRun.RunAsync(JobRun.Script("echo out $1; echo err $1 >&2"), values, new JobRunnerOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(40, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(JobStatus.Succeeded, r.Status);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal($"out {r.Job.Values[0]}\n", r.Output.ToString());
            Assert.Equal($"err {r.Job.Values[0]}\n", r.Error.ToString());
        });
        Assert.Equal(values, results.Select(r => r.Job.Values[0]).Order(StringComparer.Ordinal).OrderBy(v => v.Length).ToList());
    }

    [Fact]
    public async Task RunAsync_PreserveOrder_ReturnsInputOrderWhateverTheFinishOrder()
    {
        var random = new Random(5);
        var delays = Enumerable.Range(0, 24).Select(_ => (random.Next(0, 60) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)).ToList();

        var results = await JobRun.RunAsync(JobRun.Script("sleep $1; echo $1"), delays, new JobRunnerOptions { MaxDegreeOfParallelism = 6, PreserveOrder = true });

        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), results.Select(r => r.Job.Sequence));
        Assert.Equal(delays.Select(d => d + "\n"), results.Select(r => r.Output.ToString()));
    }

    [Fact]
    public async Task RunAsync_LinesWrittenOverTime_StayTogetherPerJob()
    {
        var results = await JobRun.RunAsync(
            JobRun.Script("for i in 1 2 3; do echo $1-$i; sleep 0.02; done"),
            ["a", "b", "c", "d"],
            new JobRunnerOptions { MaxDegreeOfParallelism = 4 });

        Assert.All(results, r => Assert.Equal($"{r.Job.Values[0]}-1\n{r.Job.Values[0]}-2\n{r.Job.Values[0]}-3\n", r.Output.ToString()));
    }

    [Fact]
    public async Task RunAsync_TwoJobsWriting40MBToBothPipes_KeepEveryByteWithoutDeadlock()
    {
        const long Size = 40_000_000;
        var results = await JobRun.RunAsync(
            JobRun.Script($"head -c {Size} /dev/zero >&2 & head -c {Size} /dev/zero; wait"),
            ["1", "2"],
            new JobRunnerOptions { MaxDegreeOfParallelism = 2, OutputBufferSize = 1 << 20 });

        Assert.All(results, r =>
        {
            Assert.Equal(JobStatus.Succeeded, r.Status);
            Assert.Equal(Size, r.Output.Length);
            Assert.Equal(Size, r.Error.Length);
            Assert.True(r.Output.Spilled && r.Error.Spilled);
        });
        using var copy = new MemoryStream();
        await results[0].Output.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(Size, copy.Length);
        Assert.DoesNotContain(copy.ToArray(), b => b != 0);
        results.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task RunAsync_OutputOfSeveralChunks_IsKeptInMemoryByteForByte()
    {
        var expected = string.Concat(Enumerable.Range(1, 60000).Select(i => $"{i}\n"));

        var result = Assert.Single(await JobRun.RunAsync(["seq", "{}"], ["60000"]));

        Assert.False(result.Output.Spilled);
        Assert.Equal(expected.Length, result.Output.Length);
        Assert.Equal(expected, result.Output.ToString());
        using var copy = new MemoryStream();
        await result.Output.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(copy.ToArray()));
        result.Dispose();
    }

    [Fact]
    public async Task RunAsync_Timeout_KillsTheWholeProcessGroup()
    {
        using var folder = new TempFolder();
        var pidFile = Path.Combine(folder.Path, "grandchild");
        var clock = Stopwatch.StartNew();

        var results = await JobRun.RunAsync(
            JobRun.Script("sleep 60 & echo $! > $1; wait"),
            [pidFile],
            new JobRunnerOptions { Timeout = TimeSpan.FromMilliseconds(300), KillGrace = TimeSpan.FromMilliseconds(200) });

        var result = Assert.Single(results);
        Assert.Equal(JobStatus.TimedOut, result.Status);
        Assert.Equal("timed out after 0.3 s; its process group was killed", result.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        var grandchild = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
        Assert.True(await Eventually.HoldsAsync(() => !ProcessTable.IsAlive(grandchild)), $"sleep {grandchild} survived the timeout");
    }

    [Fact]
    public async Task RunAsync_TermIgnored_GetsSigkillAfterTheGrace()
    {
        var results = await JobRun.RunAsync(
            JobRun.Script("trap '' TERM; sleep 60; true"),
            ["x"],
            new JobRunnerOptions { Timeout = TimeSpan.FromMilliseconds(200), KillGrace = TimeSpan.FromMilliseconds(200) });

        var result = Assert.Single(results);
        Assert.Equal(JobStatus.TimedOut, result.Status);
        Assert.Equal(9, result.Signal);
    }

    [Theory]
    [InlineData(3, JobStatus.Succeeded, 3)]
    [InlineData(2, JobStatus.Failed, 2)]
    [InlineData(1, JobStatus.Failed, 1)]
    public async Task RunAsync_Attempts_RunAFailingJobAgain(int attempts, JobStatus status, int ran)
    {
        using var folder = new TempFolder();
        var counter = Path.Combine(folder.Path, "count");

        var results = await JobRun.RunAsync(
            JobRun.Script("n=$(cat $1 2>/dev/null || echo 0); n=$((n+1)); echo $n > $1; echo attempt $n; [ $n -ge 3 ]"),
            [counter],
            new JobRunnerOptions { Attempts = attempts });

        var result = Assert.Single(results);
        Assert.Equal(status, result.Status);
        Assert.Equal(ran, result.Attempts);
        Assert.Equal($"attempt {ran}\n", result.Output.ToString());
        Assert.Equal(ran.ToString(CultureInfo.InvariantCulture), File.ReadAllText(counter).Trim());
    }

    [Fact]
    public async Task RunAsync_HaltNowOnFirstFailure_KillsRunningJobsAndStartsNoMore()
    {
        var runner = new JobRunner(
            CommandTemplate.Parse(JobRun.Script("if [ $1 = fail ]; then sleep 0.2; exit 4; fi; sleep 30")),
            new JobRunnerOptions { MaxDegreeOfParallelism = 2, Halt = HaltPolicy.TryParse("now,fail=1", out var halt) ? halt : null! });
        var clock = Stopwatch.StartNew();

        var results = await JobRun.RunAsync(runner, ["fail", "slow", "never1", "never2", "never3"]);

        Assert.True(runner.Halted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(["fail Failed", "slow Killed"], results.Select(r => $"{r.Job.Values[0]} {r.Status}").Order());
        Assert.Equal(4, results.Single(r => r.Status == JobStatus.Failed).ExitCode);
    }

    [Fact]
    public async Task RunAsync_HaltSoon_LetsRunningJobsFinish()
    {
        Assert.True(HaltPolicy.TryParse("soon,fail=1", out var halt));
        var runner = new JobRunner(
            CommandTemplate.Parse(JobRun.Script("if [ $1 = fail ]; then exit 1; fi; sleep 0.5; echo done $1")),
            new JobRunnerOptions { MaxDegreeOfParallelism = 2, Halt = halt });

        var results = await JobRun.RunAsync(runner, ["slow", "fail", "never1", "never2"]);

        Assert.True(runner.Halted);
        Assert.Equal(["fail Failed", "slow Succeeded"], results.Select(r => $"{r.Job.Values[0]} {r.Status}").Order());
        Assert.Equal("done slow\n", results.Single(r => r.Succeeded).Output.ToString());
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsEveryJobAndLeavesNoProcess()
    {
        using var folder = new TempFolder();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runner = new JobRunner(
            CommandTemplate.Parse(JobRun.Script("sleep 60 & echo $! > $1; wait")),
            new JobRunnerOptions { MaxDegreeOfParallelism = 3, KillGrace = TimeSpan.FromMilliseconds(500) });
        var pidFiles = Enumerable.Range(1, 6).Select(i => Path.Combine(folder.Path, $"pid{i}")).ToList();

        var run = JobRun.RunUntilAsync(runner, pidFiles, interrupt.Token);
        Assert.True(await Eventually.HoldsAsync(() => pidFiles.Count(f => File.Exists(f) && new FileInfo(f).Length > 0) == 3));
        await interrupt.CancelAsync();
        var results = await run;

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(JobStatus.Killed, r.Status));
        var grandchildren = pidFiles.Where(File.Exists).Select(f => int.Parse(File.ReadAllText(f), CultureInfo.InvariantCulture)).ToList();
        Assert.True(await Eventually.HoldsAsync(() => !grandchildren.Any(ProcessTable.IsAlive)), "a sleep survived the interrupt");
        Assert.DoesNotContain(ProcessTable.ChildrenOf(Environment.ProcessId), pid => CommandLineOf(pid).Contains("echo $! > ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_CallerStopsReadingEarly_NoJobOutlivesTheRun()
    {
        using var folder = new TempFolder();
        var runner = new JobRunner(CommandTemplate.Parse(JobRun.Script("if [ $1 = quick ]; then exit 0; fi; echo $$ >> " + Path.Combine(folder.Path, "pids") + "; exec sleep 60")), new JobRunnerOptions { MaxDegreeOfParallelism = 4 });
        var clock = Stopwatch.StartNew();

        await foreach (var result in runner.RunAsync([["slow1"], ["slow2"], ["slow3"], ["quick"]], TestContext.Current.CancellationToken))
        {
            Assert.True(await Eventually.HoldsAsync(() => File.Exists(Path.Combine(folder.Path, "pids")) && File.ReadAllLines(Path.Combine(folder.Path, "pids")).Length == 3));
            if (result.Job.Values[0] == "quick")
            {
                break;
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        var sleeps = File.ReadAllLines(Path.Combine(folder.Path, "pids")).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(sleeps);
        Assert.True(await Eventually.HoldsAsync(() => !sleeps.Any(ProcessTable.IsAlive)), "a job outlived the run");
    }

    [Fact]
    public void RunAsync_MissingProgram_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<AtelierException>(() => new JobRunner(CommandTemplate.Parse(["no-such-program-atelier", "{}"])).RunAsync([["a"]], TestContext.Current.CancellationToken));

        Assert.Equal("Cannot run jobs: command 'no-such-program-atelier' not found in PATH.", error.Message);
    }

    [Fact]
    public async Task RunAsync_ProgramFromAValueMissing_FailsThatJobWith127()
    {
        var results = await JobRun.RunAsync(["{}"], ["true", "no-such-program-atelier", "./missing"]);

        Assert.Equal(JobStatus.Succeeded, results.Single(r => r.Job.Values[0] == "true").Status);
        var missing = results.Single(r => r.Job.Values[0] == "no-such-program-atelier");
        Assert.Equal((JobStatus.NotStarted, 127, "command 'no-such-program-atelier' not found in PATH"), (missing.Status, missing.ExitCode!.Value, missing.Reason!));
        Assert.Equal("'./missing' does not exist", results.Single(r => r.Job.Values[0] == "./missing").Reason);
    }

    [Fact]
    public async Task RunAsync_KilledBySignal_SaysWhich()
    {
        var result = Assert.Single(await JobRun.RunAsync(JobRun.Script("kill -SEGV $$"), ["x"]));

        Assert.Equal((JobStatus.Failed, (int?)null, (int?)11, "killed by signal 11 (SIGSEGV)"), (result.Status, result.ExitCode, result.Signal, result.Reason));
    }

    [Fact]
    public async Task RunAsync_Lines_PassesWholeLinesAsTheyCome()
    {
        var lines = new List<string>();
        var options = new JobRunnerOptions
        {
            Lines = (job, error, line) =>
            {
                lock (lines)
                {
                    lines.Add($"{job.Values[0]}{(error ? "!" : ":")}{System.Text.Encoding.UTF8.GetString(line)}");
                }
            },
        };

        var result = Assert.Single(await JobRun.RunAsync(JobRun.Script("printf par; sleep 0.05; printf 'tial\\nnext'; echo oops >&2"), ["j"], options));

        Assert.Equal(["j!oops\n", "j:next", "j:partial\n"], lines.Order(StringComparer.Ordinal));
        Assert.Equal(0, result.Output.Length);
    }

    [Fact]
    public async Task RunAsync_Job_SeesNumberSlotAndNoStdin()
    {
        var results = await JobRun.RunAsync(JobRun.Script("cat; echo $ATELIER_SEQ $ATELIER_SLOT"), ["a", "b"], new JobRunnerOptions { MaxDegreeOfParallelism = 1 });

        Assert.Equal(["1 1\n", "2 1\n"], results.Select(r => r.Output.ToString()));
    }

    [Fact]
    public async Task RunAsync_Delay_SpacesStartsOnTheRunnersClock()
    {
        var time = new FakeTimeProvider();
        var run = JobRun.RunAsync(["true"], ["a", "b", "c"], new JobRunnerOptions { MaxDegreeOfParallelism = 3, Delay = TimeSpan.FromMinutes(1), TimeProvider = time });

        // A minute of the runner's clock a step, until every job has started and ended.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromMinutes(1));
            return run.IsCompleted;
        }));
        var starts = (await run).Select(r => r.Started).Order().ToList();

        Assert.Equal(3, starts.Count);
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMinutes(1), $"{pair.Second - pair.First}"));
    }

    [Fact]
    public async Task RunAsync_NotEnoughMemoryAvailable_HoldsJobsBackUntilThereIs()
    {
        using var folder = new TempFolder();
        using var proc = new TempFolder();
        var memInfo = Path.Combine(proc.Path, "meminfo");
        await File.WriteAllTextAsync(memInfo, "MemTotal:       16000000 kB\nMemAvailable:     100000 kB\n", TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider();
        var runner = new JobRunner(
            CommandTemplate.Parse(["touch", Path.Combine(folder.Path, "{}")]),
            new JobRunnerOptions { MinMemoryAvailable = 1L << 30, ProcRoot = proc.Path, TimeProvider = time });
        var run = JobRun.RunAsync(runner, ["a", "b"]);

        // Held back however long it waits: 100 MB available, 1 GiB wanted.
        for (var second = 0; second < 30; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        Assert.False(run.IsCompleted);
        Assert.Empty(folder.Files);
        await File.WriteAllTextAsync(memInfo, "MemTotal:       16000000 kB\nMemAvailable:    8000000 kB\n", TestContext.Current.CancellationToken);
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return run.IsCompleted;
        }));

        Assert.Equal([JobStatus.Succeeded, JobStatus.Succeeded], (await run).Select(r => r.Status));
        Assert.Equal(["a", "b"], folder.Files);
    }

    [Fact]
    public async Task RunAsync_MemorySuspend_StopsAJobACheckButNeverTheLast_ResumesOneACheck_AndAStopKillsThemAll()
    {
        using var folder = new TempFolder();
        using var proc = new TempFolder();
        var memInfo = Path.Combine(proc.Path, "meminfo");
        await File.WriteAllTextAsync(memInfo, "MemAvailable:     100000 kB\n", TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runner = new JobRunner(
            CommandTemplate.Parse(JobRun.Script($"echo $$ > {folder.Path}/$1.part && mv {folder.Path}/$1.part {folder.Path}/$1; exec sleep 60")),
            new JobRunnerOptions { MaxDegreeOfParallelism = 3, MemorySuspend = 1L << 30, ProcRoot = proc.Path, TimeProvider = time, KillGrace = TimeSpan.Zero });
        var run = JobRun.RunUntilAsync(runner, ["1", "2", "3"], stop.Token);
        Assert.True(await Eventually.HoldsAsync(() => new[] { "1", "2", "3" }.All(n => File.Exists(Path.Combine(folder.Path, n))), TimeSpan.FromSeconds(30)));
        var pids = new[] { "1", "2", "3" }.ToDictionary(n => n, n => int.Parse(File.ReadAllText(Path.Combine(folder.Path, n)).Trim(), CultureInfo.InvariantCulture));
        string States() => string.Concat(pids.OrderBy(p => p.Key).Select(p => ProcessState(p.Value)));

        // 100 MB available, 1 GiB the floor: one more job stopped a check, never the last one running.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.HoldsAsync(() => States().Count(c => c == 'T') == 1, TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.HoldsAsync(() => States().Count(c => c == 'T') == 2, TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(2, States().Count(c => c == 'T'));

        // Over twice the floor: resumed one a check.
        await File.WriteAllTextAsync(memInfo, "MemAvailable:    3000000 kB\n", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.HoldsAsync(() => States().Count(c => c == 'T') == 1, TimeSpan.FromSeconds(10)));
        await File.WriteAllTextAsync(memInfo, "MemAvailable:     100000 kB\n", TestContext.Current.CancellationToken);

        // Stopped while one is suspended: it is killed too, not left stopped.
        await stop.CancelAsync();
        var results = await run;
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(JobStatus.Killed, r.Status));
        Assert.DoesNotContain(pids.Values, ProcessTable.IsAlive);
    }

    private static char ProcessState(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    [Fact]
    public async Task RunAsync_LoadAboveTheLimit_HoldsJobsBack_AndWithinItStartsThem()
    {
        using var proc = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(proc.Path, "loadavg"), "7.50 6.00 5.00 3/400 12345\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(proc.Path, "meminfo"), "MemAvailable:    8000000 kB\n", TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var busy = JobRun.RunUntilAsync(new JobRunner(CommandTemplate.Parse(["true"]), new JobRunnerOptions { MaxLoad = 4, ProcRoot = proc.Path, TimeProvider = time }), ["a"], stop.Token);
        var idle = JobRun.RunAsync(["true"], ["a", "b"], new JobRunnerOptions { MaxLoad = 8, MinMemoryAvailable = 1L << 30, ProcRoot = proc.Path, TimeProvider = time });

        Assert.Equal([JobStatus.Succeeded, JobStatus.Succeeded], (await idle).Select(r => r.Status));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(busy.IsCompleted);
        await stop.CancelAsync();
        Assert.Empty(await busy);
    }

    [Fact]
    public async Task RunAsync_InputThatFailsToRead_IsAOneLineErrorNamingIt()
    {
        var runner = new JobRunner(CommandTemplate.Parse(["true"]));

        var error = await Assert.ThrowsAsync<AtelierException>(async () =>
        {
            await foreach (var _ in runner.RunAsync(JobInputs.Combine([InputSource.FromFile("/proc/self/mem")]), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.StartsWith("Reading input '/proc/self/mem' failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Skip_ReportsTheJobWithoutRunningIt()
    {
        var results = await JobRun.RunAsync(["echo", "{}"], ["a", "b"], new JobRunnerOptions { Skip = job => job.Values[0] == "a", PreserveOrder = true });

        Assert.Equal([JobStatus.Skipped, JobStatus.Succeeded], results.Select(r => r.Status));
        Assert.Equal(0, results[0].Attempts);
    }

    /// <summary>A process's command line; empty when it ended meanwhile (other tests start and stop children too).</summary>
    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
