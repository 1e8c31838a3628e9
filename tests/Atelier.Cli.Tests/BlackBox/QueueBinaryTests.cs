using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.BlackBox;

/// <summary><c>atelier run --queue</c> and <c>atelier worker</c> as separate processes on a real redis-server.</summary>
public sealed class QueueBinaryTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private readonly RedisServer redis = fixture.Server;

    [Fact]
    public async Task Worker_KilledMidJob_TheOtherFinishesIt_AndTheRunReportsItOnce()
    {
        var queue = redis.Queue();
        using var run = AtelierProcess.Start("run", "-k", "--queue", queue, "sh", "-c", "sleep 0.5; echo done $1", "sh", ":::", "a", "b");
        using (var doomed = AtelierProcess.Start("worker", "--queue", queue, "-j", "1", "--visibility-timeout", "1s"))
        {
            Assert.True(await Eventually.HoldsAsync(() => ProcessTable.ChildrenOf(doomed.Id).Count > 0, TimeSpan.FromSeconds(30)), doomed.Error);
            await doomed.SignalAsync("KILL");
            Assert.Equal(137, await doomed.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        using var survivor = AtelierProcess.Start("worker", "--queue", queue, "-j", "2", "--visibility-timeout", "1s");
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));
        await survivor.SignalAsync("TERM");
        await survivor.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == 0, run.Error);
        Assert.Equal("done a\ndone b\n", run.Output);
        Assert.Matches($@"^atelier worker \S+:{survivor.Id}: taking jobs from redis://\S+, 2 at a time\.", survivor.Error);
        Assert.Contains(survivor.Error.Split('\n'), l => l.Contains(" succeeded in ", StringComparison.Ordinal) && l.EndsWith(": sh -c 'sleep 0.5; echo done $1' sh a", StringComparison.Ordinal));
        Assert.Contains("atelier worker: 2 succeeded, 0 failed, 0 dead-lettered", survivor.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordAndSecret_FromFilesAndTheEnvironment_RunSignedJobs_AndNothingShowsThePassword()
    {
        using var protectedRedis = await RedisServer.StartAsync(false, "--requirepass", "s3cret-pass");
        using var folder = new TempFolder();
        var secret = Path.Combine(folder.Path, "secret");
        var password = Path.Combine(folder.Path, "password");
        await File.WriteAllTextAsync(secret, "0123456789abcdef0123456789abcdef\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(password, "s3cret-pass\n", TestContext.Current.CancellationToken);
        var queue = protectedRedis.Queue();
        using var worker = AtelierProcess.StartWith(
            [new("REDISCLI_AUTH", "s3cret-pass"), new("ATELIER_QUEUE_SECRET_FILE", secret)], "worker", "--queue", queue, "-j", "2");

        var run = await AtelierProcess.RunAsync("run", "-k", "--queue", queue, "--queue-password-file", password, "--queue-secret", secret, "echo", ":::", "a", "b");
        await worker.SignalAsync("TERM");
        await worker.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("a\nb\n", run.Output);
        Assert.Contains(", signed ones only.", worker.Error, StringComparison.Ordinal);
        Assert.Contains("atelier worker: 2 succeeded", worker.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", worker.Error + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_WithoutASecret_WarnsItRunsAnything_AndWithATooShortOne_Refuses()
    {
        using var folder = new TempFolder();
        var secret = Path.Combine(folder.Path, "secret");
        await File.WriteAllTextAsync(secret, "short", TestContext.Current.CancellationToken);
        using var open = AtelierProcess.Start("worker", "--queue", redis.Queue(), "-q");
        await open.FirstErrorLineAsync(TimeSpan.FromSeconds(30));
        Assert.True(await Eventually.HoldsAsync(() => open.Error.Contains("warning", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), open.Error);
        await open.SignalAsync("TERM");
        await open.WaitAsync(TimeSpan.FromSeconds(30));

        var refused = await AtelierProcess.RunAsync("worker", "--queue", redis.Queue(), "--queue-secret", secret);

        Assert.Contains("atelier worker: warning: no --queue-secret, so this worker runs any command anyone who can write to redis://", open.Error, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"atelier: The queue secret in '{secret}' has 5 bytes; make one of at least 16, as in: head -c 32 /dev/urandom | base64 > {secret}\n", refused.Error);
    }

    [Fact]
    public async Task Run_Interrupted_StopsItsJobOnTheWorker_AndSaysWhatItStoppedHow()
    {
        var queue = redis.Queue();
        using var worker = AtelierProcess.Start("worker", "--queue", queue, "-j", "1");
        using var run = AtelierProcess.Start("run", "--queue", queue, "sleep", ":::", "30", "31", "32");
        Assert.True(await Eventually.HoldsAsync(() => ProcessTable.ChildrenOf(worker.Id).Count > 0, TimeSpan.FromSeconds(30)), worker.Error);

        await run.SignalAsync("INT");
        var code = await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(await Eventually.HoldsAsync(() => ProcessTable.ChildrenOf(worker.Id).Count == 0, TimeSpan.FromSeconds(10)), worker.Error);
        var (_, status, _) = await AtelierProcess.RunAsync("queue", "status", queue);
        await worker.SignalAsync("TERM");
        await worker.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, code);
        Assert.Contains("Taken off the queue: 2 waiting jobs; stopped on workers: 1 running job.", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^waiting +0$", status);
        Assert.Contains("atelier worker: 0 succeeded, 0 failed, 0 dead-lettered, 1 stopped (their runs were interrupted)", worker.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PipeAndValueBatches_TravelToWorkersAsJobs()
    {
        var queue = redis.Queue();
        using var worker = AtelierProcess.Start("worker", "--queue", queue, "-j", "2");

        var blocks = await AtelierProcess.RunWithInputAsync("a\nbb\nccc\ndddd\neeeee\nf\n", "run", "--pipe", "--block", "10", "-k", "--queue", queue, "wc", "-c");
        var batches = await AtelierProcess.RunAsync("run", "-N2", "-k", "--queue", queue, "echo", "{2}", "{1}", ":::", "a", "b", "c");
        await worker.SignalAsync("TERM");
        await worker.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(blocks.ExitCode == 0, blocks.Error);
        Assert.Equal("9\n5\n8\n", blocks.Output);
        Assert.True(batches.ExitCode == 0, batches.Error);
        Assert.Equal("b a\nc\n", batches.Output);
    }

    [Fact]
    public async Task Run_JobThatTakesDownEveryWorker_IsDeadLetteredAndReportedFailed()
    {
        var queue = redis.Queue();
        using var run = AtelierProcess.Start("run", "--queue", queue, "sh", "-c", "kill -9 $PPID", ":::", "poison");
        for (var crashed = 0; crashed < 2; crashed++)
        {
            using var worker = AtelierProcess.Start("worker", "--queue", queue, "-j", "1", "--visibility-timeout", "300ms", "--max-deliveries", "2");
            Assert.Equal(137, await worker.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        using var last = AtelierProcess.Start("worker", "--queue", queue, "-j", "1", "--visibility-timeout", "300ms", "--max-deliveries", "2");
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));
        await last.SignalAsync("TERM");
        await last.WaitAsync(TimeSpan.FromSeconds(30));
        var (_, status, _) = await AtelierProcess.RunAsync("queue", "status", queue);

        Assert.Equal(2, code);
        Assert.Contains("#1 dead-lettered after 2 deliveries: each worker that took it stopped answering while it ran", run.Error, StringComparison.Ordinal);
        Assert.Contains("atelier worker: 0 succeeded, 0 failed, 1 dead-lettered", last.Error, StringComparison.Ordinal);
        Assert.Contains("dead-lettered  1", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RedisUnreachable_IsOneLineAndExit1()
    {
        var (code, _, error) = await AtelierProcess.RunAsync("run", "--queue", "redis://127.0.0.1:1/jobs", "echo", ":::", "a");

        Assert.Equal(1, code);
        Assert.StartsWith("atelier: Cannot reach Redis at 127.0.0.1:1 for queue 'jobs': ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
