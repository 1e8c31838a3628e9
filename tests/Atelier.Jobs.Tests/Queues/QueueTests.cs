using Atelier.Jobs.Log;
using Atelier.Jobs.Queues;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using Atelier.Jobs.Tests.Running;
using Atelier.Tests.Support;
using StackExchange.Redis;

namespace Atelier.Jobs.Tests.Queues;

/// <summary>A run on a queue against a real redis-server, with workers in this process.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class QueueTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private readonly RedisServer redis = fixture.Server;

    [Fact]
    public async Task Run_TwoWorkers_ShareTheJobs_AndEachJobIsReportedOnce()
    {
        var address = redis.QueueAddress();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var workers = new[] { "w1", "w2" }.Select(name => new QueueWorker(address, new QueueWorkerOptions { MaxDegreeOfParallelism = 2, Name = name }).RunAsync(stop.Token)).ToList();
        var values = Enumerable.Range(1, 24).Select(i => $"{i}").ToList();

        var results = await RunAsync(address, JobRun.Script("sleep 0.05; echo job $1"), values, new JobRunnerOptions { PreserveOrder = true });
        await stop.CancelAsync();
        var summaries = await Task.WhenAll(workers);

        Assert.Equal(values, results.Select(r => r.Job.Values[0]));
        Assert.All(results, r => Assert.Equal((JobStatus.Succeeded, $"job {r.Job.Values[0]}\n"), (r.Status, r.Output.ToString())));
        Assert.Equal(["w1", "w2"], results.Select(r => r.Worker!).Distinct().Order());
        Assert.Equal(24, summaries.Sum(s => s.Succeeded));
    }

    [Fact]
    public async Task Run_SameInputAsLocal_SameOrderOutputsAndExitCodes()
    {
        var address = redis.QueueAddress();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var worker = new QueueWorker(address, new QueueWorkerOptions { MaxDegreeOfParallelism = 3 }).RunAsync(stop.Token);
        string[] template = JobRun.Script("echo out $1; echo err $1 >&2; exit $(( $1 % 3 ))");
        var values = Enumerable.Range(1, 12).Select(i => $"{i}").ToList();
        var options = new JobRunnerOptions { PreserveOrder = true, MaxDegreeOfParallelism = 3 };

        var local = await JobRun.RunAsync(template, values, options);
        var queued = await RunAsync(address, template, values, options);
        await stop.CancelAsync();
        await worker;

        static string Describe(JobResult r) => $"{r.Job.Sequence} {r.Job.CommandLine} {r.Status} {r.ExitCode} {r.Output} {r.Error}";
        Assert.Equal(local.Select(Describe), queued.Select(Describe));
        Assert.Equal(await JobLogLinesAsync(local), await JobLogLinesAsync(queued));
    }

    /// <summary>The job log of these results, without the columns that differ by nature: host, start time, runtime.</summary>
    private static async Task<List<string>> JobLogLinesAsync(List<JobResult> results)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "jobs.log");
        await using (var log = await JobLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            foreach (var result in results)
            {
                await log.WriteAsync(result, result.Worker ?? ":", TestContext.Current.CancellationToken);
            }
        }

        return [.. (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).Select(line => line.Split('\t')).Select(f => string.Join('\t', f[0], f[4], f[5], f[6], f[7], f[8]))];
    }

    [Fact]
    public async Task Run_JobHeldByASilentWorker_IsTakenBackAndReportedOnce()
    {
        var address = redis.QueueAddress();
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var database = connection.GetDatabase();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = RunAsync(address, ["echo", "{}"], ["a", "b", "c"], new JobRunnerOptions { PreserveOrder = true });

        // A worker that takes the first job and is never heard from again.
        StreamEntry[] held = [];
        Assert.True(await Eventually.HoldsAsync(() => WhenQueueExists(() =>
        {
            held = database.StreamReadGroup(address.Name, "atelier-workers", "ghost", ">", 1);
            return held.Length == 1;
        })));
        var worker = new QueueWorker(address, new QueueWorkerOptions { Name = "live", VisibilityTimeout = TimeSpan.FromMilliseconds(400) }).RunAsync(stop.Token);
        var results = await run;
        await stop.CancelAsync();
        await worker;

        Assert.Equal(["a\n", "b\n", "c\n"], results.Select(r => r.Output.ToString()));
        Assert.All(results, r => Assert.Equal("live", r.Worker));
        Assert.Empty(await database.StreamPendingMessagesAsync(address.Name, "atelier-workers", 10, "ghost"));
    }

    [Fact]
    public async Task Worker_JobDeliveredTooOften_GoesToTheDeadLetterStream()
    {
        var address = redis.QueueAddress();
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var database = connection.GetDatabase();
        var run = RunAsync(address, ["echo", "{}"], ["poison"], new JobRunnerOptions());

        // Three workers in turn take the job and fall silent.
        Assert.True(await Eventually.HoldsAsync(() => WhenQueueExists(() => database.StreamReadGroup(address.Name, "atelier-workers", "ghost1", ">", 1).Length == 1)));
        for (var ghost = 2; ghost <= 3; ghost++)
        {
            var name = $"ghost{ghost}";
            Assert.True(await Eventually.HoldsAsync(() => database.StreamAutoClaim(address.Name, "atelier-workers", name, 0, "0-0", 1).ClaimedEntries.Length == 1));
        }

        var summary = await new QueueWorker(address, new QueueWorkerOptions { VisibilityTimeout = TimeSpan.FromMilliseconds(1), MaxDeliveries = 3, Once = true }).RunAsync(TestContext.Current.CancellationToken);
        var result = Assert.Single(await run);
        var status = await QueueStatus.ReadAsync(address);

        Assert.Equal(1, summary.DeadLettered);
        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.StartsWith("dead-lettered after 3 deliveries: each worker that took it stopped answering while it ran", result.Reason, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 1L, 1L), (status.Waiting, status.Succeeded, status.Failed, status.DeadLettered));
        Assert.Equal("echo poison", (string)(await database.StreamRangeAsync($"{address.Name}:dead"))[0]["cmd"]!);
    }

    [Fact]
    public async Task Run_RedisAwayForSecondsMidRun_EveryResultArrivesOnce()
    {
        using var persistent = await RedisServer.StartAsync(persistent: true);
        Assert.True(QueueAddress.TryParse(persistent.Queue(), out var address, out _));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var ended = new List<QueueJobEnded>();
        var worker = new QueueWorker(address, new QueueWorkerOptions { MaxDegreeOfParallelism = 2, Progress = new EndedJobs(ended) }).RunAsync(stop.Token);
        var values = Enumerable.Range(1, 16).Select(i => $"{i}").ToList();

        var run = RunAsync(address, JobRun.Script("sleep 0.1; echo job $1"), values, new JobRunnerOptions { PreserveOrder = true });
        Assert.True(await Eventually.HoldsAsync(() => { lock (ended) { return ended.Count >= 2; } }));
        // Longer than a command's 2 s timeout: the commands that fail meanwhile are retried until it is back.
        await persistent.RestartAsync(TimeSpan.FromSeconds(3));
        var results = await run;
        await stop.CancelAsync();
        var summary = await worker;

        Assert.Equal(values.Select(v => $"job {v}\n"), results.Select(r => r.Output.ToString()));
        Assert.All(results, r => Assert.Equal(JobStatus.Succeeded, r.Status));
        Assert.InRange(summary.Succeeded, 16, 18);
    }

    [Fact]
    public async Task Run_Interrupted_TakesBackTheJobsNoWorkerStarted()
    {
        var address = redis.QueueAddress();
        var made = DateTimeOffset.UtcNow;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var producer = new QueueProducer(address);
        var results = new List<JobResult>();
        var run = Task.Run(async () =>
        {
            await foreach (var result in producer.RunAsync(CommandTemplate.Parse(["echo", "{}"]), [["a"], ["b"]], interrupt.Token))
            {
                results.Add(result);
            }
        }, TestContext.Current.CancellationToken);
        Assert.True(await Eventually.HoldsAsync(() => WhenQueueExists(() => QueueStatus.ReadAsync(address).GetAwaiter().GetResult().Waiting == 2)));

        await interrupt.CancelAsync();
        await run;

        Assert.Empty(results);
        Assert.Equal(new QueueInterruption(TakenOff: 2, Stopped: 0, Unanswered: 0), producer.Interruption);
        var status = await QueueStatus.ReadAsync(address);
        Assert.Equal(0, status.Waiting);

        // The counts run from when the run first made the queue, to the second.
        Assert.InRange(status.Since!.Value, made.AddSeconds(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Worker_Interrupted_HandsItsRunningJobBackAtOnce()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        using var first = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var second = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var ended = new List<QueueJobEnded>();
        var run = RunAsync(address, JobRun.Script("if [ ! -e $1 ]; then touch $1; sleep 30; fi; echo finished"), [Path.Combine(folder.Path, "started")], new JobRunnerOptions());
        var interrupted = new QueueWorker(address, new QueueWorkerOptions
        {
            Name = "interrupted",
            KillGrace = TimeSpan.FromMilliseconds(200),
            Progress = new EndedJobs(ended),
        }).RunAsync(first.Token);
        Assert.True(await Eventually.HoldsAsync(() => File.Exists(Path.Combine(folder.Path, "started"))));

        await first.CancelAsync();
        var summary = await interrupted;
        var status = await QueueStatus.ReadAsync(address);

        // Back on the stream, not pending under the stopped worker until its visibility timeout (60 s) runs out.
        Assert.Equal((1L, 0), (status.Waiting, status.Running.Values.Sum()));
        var next = new QueueWorker(address, new QueueWorkerOptions { Name = "next" }).RunAsync(second.Token);
        var result = Assert.Single(await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        await second.CancelAsync();
        await next;

        Assert.Equal((0L, 1L, 0L), (summary.Succeeded, summary.HandedBack, summary.NotPosted));
        Assert.Equal([QueueJobOutcome.HandedBack], ended.Select(e => e.Outcome));
        Assert.Equal(("next", "finished\n"), (result.Worker, result.Output.ToString()));
    }

    [Fact]
    public async Task Status_OfAQueueThatWasNeverMade_SaysSoAndDoesNotMakeIt()
    {
        var address = redis.QueueAddress();

        var error = await Assert.ThrowsAsync<AtelierException>(() => QueueStatus.ReadAsync(address));

        Assert.Equal($"There is no queue '{address.Name}' at {address.Host}:{address.Port}: no job was ever put on it ('atelier run --queue' makes it).", error.Message);
        await Assert.ThrowsAsync<AtelierException>(() => QueueStatus.ReadAsync(address));
    }

    [Fact]
    public async Task Run_RedisUnreachable_IsAOneLineError()
    {
        Assert.True(QueueAddress.TryParse("redis://127.0.0.1:1/jobs", out var address, out _));

        var error = await Assert.ThrowsAsync<AtelierException>(async () =>
        {
            await foreach (var _ in new QueueProducer(address).RunAsync(CommandTemplate.Parse(["true"]), [["a"]], TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.StartsWith("Cannot reach Redis at 127.0.0.1:1 for queue 'jobs': ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("redis://host:7000/jobs", "host", 7000, "jobs")]
    [InlineData("redis://host/jobs", "host", 6379, "jobs")]
    public void TryParse_Addresses(string text, string host, int port, string name)
    {
        Assert.True(QueueAddress.TryParse(text, out var address, out _));
        Assert.Equal(new QueueAddress(host, port, name), address);
    }

    [Theory]
    [InlineData("http://host/jobs", "'http://host/jobs' is not a queue address (redis://HOST:PORT/NAME, or rediss:// for TLS).")]
    [InlineData("http://u:s3cret@host/jobs", "'http://u:***@host/jobs' is not a queue address (redis://HOST:PORT/NAME, or rediss:// for TLS).")]
    [InlineData("rediss://:s3cret@host", "'rediss://:***@host' names no queue: add it after the port, as in rediss://host/jobs.")]
    [InlineData("redis://host:7000", "'redis://host:7000' names no queue: add it after the port, as in redis://host:7000/jobs.")]
    public void TryParse_NotAnAddress_SaysWhy(string text, string message)
    {
        Assert.False(QueueAddress.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    private static async Task<List<JobResult>> RunAsync(QueueAddress address, string[] template, IEnumerable<string> values, JobRunnerOptions options)
    {
        var results = new List<JobResult>();
        await foreach (var result in new QueueProducer(address, options).RunAsync(CommandTemplate.Parse(template), values.Select(v => (IReadOnlyList<string>)[v]), TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>The condition, false while the run has not made the queue yet.</summary>
    private static bool WhenQueueExists(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return false;
        }
        catch (AtelierException e) when (e.Message.StartsWith("There is no queue", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
