using System.Text;
using Atelier.Jobs.Queues;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using Atelier.Jobs.Tests.Running;
using Atelier.Tests.Support;
using StackExchange.Redis;

namespace Atelier.Jobs.Tests.Queues;

/// <summary>Workers with a secret run only what a holder of the secret sent, once, while it is fresh: a real redis-server.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class QueueSigningTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private static readonly ReadOnlyMemory<byte> Secret = Encoding.UTF8.GetBytes("a shared secret of the test, 32 bytes+");
    private readonly RedisServer redis = fixture.Server;

    [Fact]
    public async Task Signed_RunsOnWorkersWithTheSecret()
    {
        var address = redis.QueueAddress();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var worker = new QueueWorker(address, new QueueWorkerOptions { Secret = Secret, MaxDegreeOfParallelism = 2 }).RunAsync(stop.Token);
        var producer = new QueueProducer(address, new JobRunnerOptions { PreserveOrder = true }, new QueueProducerOptions { Secret = Secret });

        var results = await CollectAsync(producer, JobRun.Script("printf '%s\\n' \"$1\""), ["a b", "c", "d\te"], TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var summary = await worker;

        Assert.Equal(["a b\n", "c\n", "d\te\n"], results.Select(r => r.Output.ToString()));
        Assert.Equal((3L, 0L), (summary.Succeeded, summary.Refused));
        Assert.Equal(0, producer.Unverified);
    }

    [Fact]
    public async Task ForgedJob_CopiedFromARealOneWithItsArgvChanged_IsRefusedAndNeverRuns()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var database = connection.GetDatabase();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var producer = new QueueProducer(address, new JobRunnerOptions(), new QueueProducerOptions { Secret = Secret });
        var run = CollectAsync(producer, ["touch", "{}"], [Path.Combine(folder.Path, "sent")], stop.Token);
        var real = await Eventually.ValueAsync(async () => (await database.StreamRangeAsync(address.Name)).FirstOrDefault(e => !e.IsNull));

        // Anyone who can write to the stream: the real entry's fields, signature and all, with another command.
        var forged = real.Values.Select(f => f.Name == "argv" ? new NameValueEntry("argv", $"touch\0{Path.Combine(folder.Path, "forged")}") : f).ToArray();
        await database.StreamAddAsync(address.Name, forged);
        var ended = new List<QueueJobEnded>();
        var worker = new QueueWorker(address, new QueueWorkerOptions { Secret = Secret, Progress = new EndedJobs(ended) }).RunAsync(stop.Token);
        var results = await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.True(await Eventually.HoldsAsync(() => ended.Count == 2));
        await stop.CancelAsync();
        var summary = await worker;

        Assert.Equal(JobStatus.Succeeded, Assert.Single(results).Status);
        Assert.True(File.Exists(Path.Combine(folder.Path, "sent")));
        Assert.False(File.Exists(Path.Combine(folder.Path, "forged")));
        Assert.Equal((1L, 1L), (summary.Succeeded, summary.Refused));
        var letter = Assert.Single(await database.StreamRangeAsync($"{address.Name}:dead"));
        Assert.Equal("refused: its signature does not verify", (string?)letter["reason"]);
    }

    [Fact]
    public async Task ReplayedJob_ACopyOfAnEntryThatRan_RunsOnlyOnce()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "ran");
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var database = connection.GetDatabase();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var producer = new QueueProducer(address, new JobRunnerOptions(), new QueueProducerOptions { Secret = Secret });
        var run = CollectAsync(producer, JobRun.Script("echo ran >> \"$1\""), [log], stop.Token);
        var real = await Eventually.ValueAsync(async () => (await database.StreamRangeAsync(address.Name)).FirstOrDefault(e => !e.IsNull));
        var ended = new List<QueueJobEnded>();
        var worker = new QueueWorker(address, new QueueWorkerOptions { Secret = Secret, Progress = new EndedJobs(ended) }).RunAsync(stop.Token);
        await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        await database.StreamAddAsync(address.Name, real.Values);
        Assert.True(await Eventually.HoldsAsync(() => ended.Count == 2));
        await stop.CancelAsync();
        var summary = await worker;

        Assert.Equal(["ran"], await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken));
        Assert.Equal((1L, 1L), (summary.Succeeded, summary.Refused));
        Assert.Equal("refused: a copy of a job already taken from another entry (a replay)", ended[1].Reason);
    }

    [Fact]
    public async Task OldJob_PastTheMaximumAge_IsRefused_AndItsRunToldWhy()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var producer = new QueueProducer(address, new JobRunnerOptions(), new QueueProducerOptions { Secret = Secret });
        var run = CollectAsync(producer, ["touch", "{}"], [Path.Combine(folder.Path, "late")], stop.Token);
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        await Eventually.ValueAsync(() => connection.GetDatabase().StreamLengthAsync(address.Name));
        await Task.Delay(300, TestContext.Current.CancellationToken);

        var worker = new QueueWorker(address, new QueueWorkerOptions { Secret = Secret, MaxAge = TimeSpan.FromMilliseconds(100) }).RunAsync(stop.Token);
        var result = Assert.Single(await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        await stop.CancelAsync();
        await worker;

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Matches(@"^refused: issued [0-9.]+ s ago, past the queue's maximum age of 0.1 s$", result.Reason);
        Assert.False(File.Exists(Path.Combine(folder.Path, "late")));
    }

    [Fact]
    public async Task UnsignedJob_OnAWorkerWithTheSecret_IsRefused_AndTheUnsignedRunToldWhy()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var worker = new QueueWorker(address, new QueueWorkerOptions { Secret = Secret }).RunAsync(stop.Token);

        var result = Assert.Single(await CollectAsync(new QueueProducer(address), ["touch", "{}"], [Path.Combine(folder.Path, "unsigned")], TestContext.Current.CancellationToken));
        await stop.CancelAsync();
        var summary = await worker;

        Assert.Equal((JobStatus.Failed, "refused: it is not signed, and this worker runs only signed jobs (--queue-secret)"), (result.Status, result.Reason));
        Assert.False(File.Exists(Path.Combine(folder.Path, "unsigned")));
        Assert.Equal(1L, summary.Refused);
    }

    [Fact]
    public async Task ResultsOfAWorkerWithoutTheSecret_AreIgnoredByASignedRun_WithAWarning()
    {
        var address = redis.QueueAddress();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var warnings = new List<string>();
        var worker = new QueueWorker(address).RunAsync(stop.Token);
        var producer = new QueueProducer(address, new JobRunnerOptions(), new QueueProducerOptions { Secret = Secret, Warnings = new Reported<string>(warnings) });

        var run = CollectAsync(producer, ["true"], ["x"], stop.Token);
        Assert.True(await Eventually.HoldsAsync(() => warnings.Count == 1));
        await stop.CancelAsync();
        var results = await run;
        await worker;

        Assert.Empty(results);
        Assert.Equal(1, producer.Unverified);
        Assert.Matches(@"^ignored a result for job \w+:1 from .+: its signature does not verify \(is that worker without the secret\?\)$", warnings[0]);
    }

    [Fact]
    public async Task SignedRun_Interrupted_StopsItsJobOnAWorkerWithTheSecret()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        using var stopWorker = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var worker = new QueueWorker(address, new QueueWorkerOptions { Secret = Secret, KillGrace = TimeSpan.FromMilliseconds(200) }).RunAsync(stopWorker.Token);
        var producer = new QueueProducer(address, new JobRunnerOptions(), new QueueProducerOptions { Secret = Secret });
        var run = CollectAsync(producer, JobRun.Script("touch \"$1\"; sleep 30"), [Path.Combine(folder.Path, "started")], interrupt.Token);
        Assert.True(await Eventually.HoldsAsync(() => File.Exists(Path.Combine(folder.Path, "started"))));

        await interrupt.CancelAsync();
        var result = Assert.Single(await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await stopWorker.CancelAsync();
        var summary = await worker;

        Assert.Equal(JobStatus.Killed, result.Status);
        Assert.Equal(1L, summary.Stopped);
    }

    private static async Task<List<JobResult>> CollectAsync(QueueProducer producer, string[] template, IEnumerable<string> values, CancellationToken cancellationToken)
    {
        var results = new List<JobResult>();
        await foreach (var result in producer.RunAsync(CommandTemplate.Parse(template), values.Select(v => (IReadOnlyList<string>)[v]), cancellationToken))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>Keeps what is reported, in order, from any thread.</summary>
    private sealed class Reported<T>(List<T> list) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (list)
            {
                list.Add(value);
            }
        }
    }
}
