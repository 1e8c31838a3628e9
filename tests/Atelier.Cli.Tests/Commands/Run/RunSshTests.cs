using Atelier.Cli.Tests.BlackBox;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.Commands.Run;

/// <summary><c>atelier run -S</c> against real OpenSSH servers on loopback ports, started by the fixture.</summary>
[Collection(nameof(SshCollection))]
public sealed class RunSshTests(SshServers hosts)
{
    [Fact]
    public async Task Run_OnTwoHosts_GivesTheLocalRunsOutputExitCodeAndAJobLogWithHosts()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "jobs.log");
        string[] command = ["-k", "--", "sh", "-c", "echo \"$1\" $ATELIER_SEQ; [ \"$1\" != fail ]", "_", ":::", "a b", "it's", "$HOME", "fail", "*"];

        var local = await CliRun.InvokeAsync(["run", .. command]);
        var remote = await CliRun.InvokeAsync(["run", "-S", "1/h1,1/h2", "--ssh", hosts.Ssh, "--joblog", log, .. command]);

        Assert.Equal((local.ExitCode, local.Output), (remote.ExitCode, remote.Output));
        Assert.Equal(2, remote.ExitCode);
        Assert.Equal("a b 1\nit's 2\n$HOME 3\nfail 4\n* 5\n", remote.Output);
        var lines = (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(5, lines.Count);
        Assert.All(lines, l => Assert.Contains(l[1], (string[])["h1", "h2"]));
        Assert.Equal("1", Assert.Single(lines, l => l[0] == "4")[6]);
    }

    [Fact]
    public async Task Run_TagString_NamesTheHost_AndEnvPassesAVariable()
    {
        Environment.SetEnvironmentVariable("ATELIER_TEST_PASSED", "it's passed");
        var run = await CliRun.InvokeAsync(["run", "-S", "h1", "--ssh", hosts.Ssh, "--tagstring", "{host}:{}", "--env", "ATELIER_TEST_PASSED", "--", "sh", "-c", "echo \"$ATELIER_TEST_PASSED\"", "_", ":::", "x"]);

        Assert.Equal((0, "h1:x\tit's passed\n"), (run.ExitCode, run.Output));
    }

    [Fact]
    public async Task Run_TransferReturnCleanup_FilesWithSpacesAndQuotesGoAndComeBack_AndLeaveNothingThere()
    {
        using var folder = new TempFolder();
        string[] names = ["a b.txt", "it's \"quoted\".txt", "plain.txt"];
        Directory.CreateDirectory(Path.Combine(folder.Path, "sub"));
        foreach (var name in names)
        {
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "sub", name), name, TestContext.Current.CancellationToken);
        }

        var work = $"atelier-test-{Guid.NewGuid():N}";
        string[] files = [.. names.Select(n => $"{folder.Path}/./sub/{n}")];
        try
        {
            // Files are relative to the work folder there: the part after /./, as rsync (and GNU parallel) has it.
            var run = await CliRun.InvokeAsync(["run", "-S", "1/h1,1/h2", "--ssh", hosts.Ssh, "--workdir", work, "--trc", "{}.out", "--", "sh", "-c", "wc -c < \"${1#*/./}\" > \"${1#*/./}.out\"", "_", ":::", .. files]);

            Assert.Equal(0, run.ExitCode);
            foreach (var name in names)
            {
                Assert.Equal(name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(Path.Combine(folder.Path, "sub", name + ".out"), TestContext.Current.CancellationToken)).Trim());
            }

            // --cleanup: the files sent and fetched, and the folder they were in, are gone from the hosts.
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(SshServers.Home, work)));
        }
        finally
        {
            Directory.Delete(Path.Combine(SshServers.Home, work), recursive: true);
        }
    }

    [Fact]
    public async Task Run_BaseFile_IsSentOnceBeforeTheFirstJob_AndCleanupRemovesItAtTheEnd()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "tally.txt"), "base\n", TestContext.Current.CancellationToken);
        var work = Path.Combine(SshServers.Home, $"atelier-test-{Guid.NewGuid():N}");
        string[] job = ["-j", "1", "-k", "--", "sh", "-c", "echo \"$1\" >> tally.txt; wc -l < tally.txt", "_", ":::", "a", "b", "c"];
        try
        {
            // Each job adds a line to the base file and counts them: sent once, it grows; sent before each job, it would not.
            var run = await CliRun.InvokeAsync(["run", "-S", "h1", "--ssh", hosts.Ssh, "--workdir", work, "--basefile", $"{folder.Path}/./tally.txt", .. job]);

            Assert.Equal((0, "2\n3\n4\n"), (run.ExitCode, run.Output));
            Assert.Equal("base\na\nb\nc\n", await File.ReadAllTextAsync(Path.Combine(work, "tally.txt"), TestContext.Current.CancellationToken));

            var cleaned = await CliRun.InvokeAsync(["run", "-S", "h1", "--ssh", hosts.Ssh, "--workdir", work, "--bf", $"{folder.Path}/./tally.txt", "--cleanup", .. job]);

            Assert.Equal((0, "2\n3\n4\n"), (cleaned.ExitCode, cleaned.Output));
            Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Run_BaseFileMissing_IsAOneLineErrorBeforeAnyJob()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing.sh");

        var run = await CliRun.InvokeAsync(["run", "-S", "h1", "--ssh", hosts.Ssh, "--bf", missing, "--", "echo", ":::", "a"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal($"atelier: Cannot send the base file '{missing}' to the hosts: no such file.", run.Error.Trim());
    }

    [Fact]
    public async Task Run_NonAll_RunsTheCommandOnceOnEveryHost_TaggedWithTheHost()
    {
        var run = await CliRun.InvokeAsync(["run", "--nonall", "--tag", "-k", "-S", "h1,h2,h3", "--ssh", hosts.Ssh, "--", "sh", "-c", "echo seq $ATELIER_SEQ"]);

        Assert.Equal((0, "h1\tseq 1\nh2\tseq 1\nh3\tseq 1\n"), (run.ExitCode, run.Output));
    }

    [Fact]
    public async Task Run_OnAll_RunsEveryJobOnEveryHost_OneAtATimeThereInOrder()
    {
        using var folder = new TempFolder();

        // Each job notes its start and end in a file named for the port of the sshd it runs under (each host its own).
        // a takes longest on h1: h2's a ends first and h1's b is handed out while h1's a runs; only one-at-a-time on
        // each host keeps it from starting beside it.
        var note = $"p=${{SSH_CONNECTION##* }}; f={folder.Path}/$p; echo \"$1 start\" >> $f; if [ $p = {hosts.Port(1)} ] && [ $1 = a ]; then sleep 0.5; else sleep 0.05; fi; echo \"$1 end\" >> $f; echo \"$1\"";
        var run = await CliRun.InvokeAsync(["run", "--onall", "--tag", "-k", "-S", "h1,h2", "--ssh", hosts.Ssh, "--", "sh", "-c", note, "_", ":::", "a", "b", "c"]);

        Assert.Equal((0, "h1\ta\ta\nh2\ta\ta\nh1\tb\tb\nh2\tb\tb\nh1\tc\tc\nh2\tc\tc\n"), (run.ExitCode, run.Output));
        foreach (var host in (int[])[1, 2])
        {
            var notes = Path.Combine(folder.Path, hosts.Port(host).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(["a start", "a end", "b start", "b end", "c start", "c end"], await File.ReadAllLinesAsync(notes, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Run_NonAll_AHostThatCannotBeReached_FailsItsJobWithTheReason()
    {
        var run = await CliRun.InvokeAsync(["run", "--nonall", "--tag", "-S", "h1,127.0.0.1:1", "--ssh", hosts.Ssh, "--", "echo", "hi"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("h1\thi\n", run.Output);
        Assert.Contains("127.0.0.1:1: cannot connect (", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--nonall -S h1 -- echo ::: a", "atelier: --nonall runs the command as given, without values: give no inputs (::: or ::::).")]
    [InlineData("--onall -- echo ::: a", "atelier: --onall goes with -S or --slf: it is about the hosts jobs run on.")]
    [InlineData("--onall -S h1 --pipe -- wc -l", "atelier: --onall runs jobs with values on every host, not blocks of input.")]
    [InlineData("--nonall -S h1 --pipe -- wc -l", "atelier: --nonall runs the command as given, without values; it does not go with --pipe or --pipe-part.")]
    [InlineData("--nonall -S h1 --joblog x.log --resume -- uptime", "atelier: --nonall is one job without values, which no job log can tell apart from the same job on another host: it does not go with --resume or --resume-failed.")]
    [InlineData("-S ..,h1 --slf hosts.txt -- echo ::: a", "atelier: -S .. reads ~/.parallel/sshloginfile, and --slf names 'hosts.txt': give one login file.")]
    [InlineData("--onall -S h1 --joblog x.log --resume -- echo ::: a", "atelier: --onall does not go with --resume or --resume-failed: a job runs on every host with the same command line, which is all the job log knows it by.")]
    public async Task Run_HostOptions_Misused_AreOneLineErrors(string words, string error)
    {
        var run = await CliRun.InvokeAsync(["run", .. words.Split(' ')]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(error, run.Error.Trim());
    }

    [Fact]
    public async Task Run_DotDot_ReadsTheLoginsOfGnuParallelsLoginFile_AndTransferSendsEachInput()
    {
        using var home = new TempFolder();
        Directory.CreateDirectory(Path.Combine(home.Path, ".parallel"));
        await File.WriteAllTextAsync(Path.Combine(home.Path, ".parallel", "sshloginfile"), "# the cluster\n1/h1\n1/h2\n", TestContext.Current.CancellationToken);
        var input = Path.Combine(home.Path, "input.txt");
        await File.WriteAllTextAsync(input, "sent\n", TestContext.Current.CancellationToken);
        var log = Path.Combine(home.Path, "jobs.log");
        string[] rest = ["--ssh", hosts.Ssh, "--workdir", "...", "--transfer", "--joblog", log, "-k", "--", "cat"];

        // A process of its own: HOME is where it looks for ~/.parallel.
        foreach (var logins in (string[][])[["-S", ".."], ["--slf", ".."]])
        {
            using var atelier = AtelierProcess.StartWith([new("HOME", home.Path)], ["run", .. logins, .. rest, ":::", $"{home.Path}/./input.txt", $"{home.Path}/./input.txt"]);

            Assert.Equal(0, await atelier.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal("sent\nsent\n", atelier.Output);
            Assert.All((await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Skip(1), line => Assert.Contains(line.Split('\t')[1], (string[])["h1", "h2"]));
        }
    }

    [Fact]
    public async Task Run_Retries_GoToAHostWhereTheJobHasNotFailed()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "jobs.log");

        // Every job fails at once on h1 and takes a while on h2: a retry that went back to h1 (free again, h2 busy)
        // would fail as well.
        var job = $"[ ${{SSH_CONNECTION##* }} != {hosts.Port(1)} ] && sleep 0.3 && echo \"$1\"";
        var run = await CliRun.InvokeAsync(["run", "-S", "1/h1,1/h2", "--ssh", hosts.Ssh, "--retries", "2", "--joblog", log, "--", "sh", "-c", job, "_", ":::", "a", "b", "c"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a", "b", "c"], run.OutputLines.Order());
        Assert.All((await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Skip(1), line => Assert.Equal("h2", line.Split('\t')[1]));
    }

    [Fact]
    public async Task Run_AFileToSendThatIsMissing_FailsThatJobAlone()
    {
        using var folder = new TempFolder();
        var there = Path.Combine(folder.Path, "there.txt");
        await File.WriteAllTextAsync(there, "x", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["run", "-S", "h1", "--ssh", hosts.Ssh, "--workdir", "...", "--transferfile", "{}", "--", "cat", ":::", there, Path.Combine(folder.Path, "missing.txt")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("x", run.Output);
        Assert.Contains($"cannot send {folder.Path}/missing.txt: no such file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AFileToFetchThatTheJobDidNotMake_FailsThatJob_AndLeavesNoPartialFile()
    {
        using var folder = new TempFolder();
        var made = Path.Combine(folder.Path, "made.out");
        var missing = Path.Combine(folder.Path, "missing.out");

        // Returned files are relative to the work folder there after /./: the job makes made.out, not missing.out.
        var run = await CliRun.InvokeAsync(["run", "-S", "h1", "--ssh", hosts.Ssh, "--workdir", "...", "--return", "{}", "--cleanup", "--", "sh", "-c", "case $1 in *made.out) echo made > made.out ;; esac", "_", ":::", $"{folder.Path}/./made.out", $"{folder.Path}/./missing.out"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("made\n", await File.ReadAllTextAsync(made, TestContext.Current.CancellationToken));
        Assert.Contains($"could not fetch {folder.Path}/./missing.out", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        Assert.Equal(["made.out"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Run_AHostUnreachableAtTheStart_IsSkipped_AndWithNoneReachableTheRunFails()
    {
        var run = await CliRun.InvokeAsync(["run", "-S", "h1,127.0.0.1:1", "--ssh", hosts.Ssh, "--", "echo", ":::", "a", "b"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a", "b"], run.OutputLines.Order());
        Assert.Contains("127.0.0.1:1: cannot connect (", run.Error, StringComparison.Ordinal);

        var none = await CliRun.InvokeAsync(["run", "-S", "127.0.0.1:1", "--ssh", hosts.Ssh, "--", "echo", ":::", "a"]);

        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("No host could be reached: 127.0.0.1:1: ", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AHostKilledMidRun_ItsJobsRunOnTheOthers_EachCountedOnce()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "jobs.log");
        var running = RunAsync(["run", "-S", "1/h2,1/h3", "--ssh", hosts.Ssh, "--joblog", log, "--", "sh", "-c", $"touch {folder.Path}/started-$1; sleep 0.4; echo $1", "_", ":::", .. Enumerable.Range(1, 10).Select(i => $"{i}")]);
        try
        {
            Assert.True(await Eventually.HoldsAsync(() => Directory.GetFiles(folder.Path, "started-*").Length >= 3, TimeSpan.FromSeconds(30)));
            hosts.Kill(3);

            var run = await running;

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(Enumerable.Range(1, 10).Select(i => $"{i}"), run.OutputLines.Order(StringComparer.Ordinal).OrderBy(int.Parse));
            Assert.Contains("h3: lost the connection", run.Error, StringComparison.Ordinal);
            var logged = (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Skip(1).Select(l => l.Split('\t')).ToList();
            Assert.Equal(10, logged.Count);
        }
        finally
        {
            await running;
            await hosts.StartAsync(3);
        }
    }

    [Fact]
    public async Task Run_Interrupted_StopsTheJobsOnTheHosts()
    {
        using var folder = new TempFolder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = CliRun.InvokeAsync(["run", "-S", "1/h1,1/h2", "--ssh", hosts.Ssh, "--", "sh", "-c", $"echo $$ > {folder.Path}/pid-$1.part && mv {folder.Path}/pid-$1.part {folder.Path}/pid-$1; sleep 60", "_", ":::", "1", "2", "3"], stop.Token);
        Assert.True(await Eventually.HoldsAsync(() => Directory.GetFiles(folder.Path, "pid-?").Length == 2, TimeSpan.FromSeconds(30)));
        var pids = Directory.GetFiles(folder.Path, "pid-?").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();

        await stop.CancelAsync();
        var run = await running;

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(await Eventually.HoldsAsync(() => !pids.Any(ProcessTable.IsAlive), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Run_LoginFile_ReadAgainWhenItChanges_AddsAHostMidRun()
    {
        using var folder = new TempFolder();
        var logins = Path.Combine(folder.Path, "hosts");
        await File.WriteAllTextAsync(logins, "# the hosts\n1/h1\n", TestContext.Current.CancellationToken);
        var log = Path.Combine(folder.Path, "jobs.log");
        var running = RunAsync(["run", "--slf", logins, "--ssh", hosts.Ssh, "--joblog", log, "--", "sh", "-c", $"touch {folder.Path}/started-$1; sleep 0.5", "_", ":::", .. Enumerable.Range(1, 16).Select(i => $"{i}")]);
        Assert.True(await Eventually.HoldsAsync(() => Directory.GetFiles(folder.Path, "started-*").Length >= 1, TimeSpan.FromSeconds(30)));
        await File.WriteAllTextAsync(logins, "1/h1\n1/h2\n", TestContext.Current.CancellationToken);

        var run = await running;

        Assert.Equal(0, run.ExitCode);
        var hostsUsed = (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Skip(1).Select(l => l.Split('\t')[1]).ToHashSet();
        Assert.Equal(["h1", "h2"], hostsUsed.Order());
    }

    [Fact]
    public async Task Run_ThisMachineBesideAHost_BothTakeJobs_AndATimeoutKillsTheJobWhereItRuns()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "jobs.log");
        var run = await CliRun.InvokeAsync(["run", "-S", "1/:,1/h1", "--ssh", hosts.Ssh, "--joblog", log, "--timeout", "2s", "--", "sh", "-c", $"echo $$ > {folder.Path}/pid-$1; sleep $1", "_", ":::", "0", "0.3", "0", "0.3", "60"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("#5 timed out after 2 s", run.Error, StringComparison.Ordinal);
        var hostsUsed = (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Skip(1).Select(l => l.Split('\t')[1]).ToHashSet();
        Assert.Equal([":", "h1"], hostsUsed.Order(StringComparer.Ordinal));
        var slow = int.Parse((await File.ReadAllTextAsync(Path.Combine(folder.Path, "pid-60"), TestContext.Current.CancellationToken)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await Eventually.HoldsAsync(() => !ProcessTable.IsAlive(slow), TimeSpan.FromSeconds(10)));
    }

    private static Task<CliRun> RunAsync(string[] args) => Task.Run(() => CliRun.InvokeAsync(args));
}

[CollectionDefinition(nameof(SshCollection))]
public sealed class SshCollection : ICollectionFixture<SshServers>;
