using Atelier.Jobs.Queues;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using Atelier.Jobs.Tests.Running;
using Atelier.Tests.Support;
using StackExchange.Redis;

namespace Atelier.Jobs.Tests.Queues;

/// <summary>Interrupting a run on a queue stops it on every worker, against a real redis-server.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class QueueInterruptionTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromMilliseconds(200);
    private readonly RedisServer redis = fixture.Server;

    [Fact]
    public async Task Run_Interrupted_StopsItsRunningJobsOnEveryWorker_AndTakesOffTheWaitingOnes()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        using var stopWorkers = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var ended = new List<QueueJobEnded>();
        var workers = new[] { "w1", "w2" }.Select(name => new QueueWorker(address, new QueueWorkerOptions
        {
            Name = name,
            MaxDegreeOfParallelism = 1,
            KillGrace = KillGrace,
            Progress = new EndedJobs(ended),
        }).RunAsync(stopWorkers.Token)).ToList();
        var producer = new QueueProducer(address);
        var run = CollectAsync(producer, JobRun.Script("touch $1; sleep 30"), Enumerable.Range(1, 4).Select(i => Path.Combine(folder.Path, $"{i}")), interrupt.Token);
        Assert.True(await Eventually.HoldsAsync(() => Directory.GetFiles(folder.Path).Length == 2));

        await interrupt.CancelAsync();
        var results = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var status = await QueueStatus.ReadAsync(address);
        await stopWorkers.CancelAsync();
        var summaries = await Task.WhenAll(workers);

        // The two running ones were stopped where they ran and said so; the two waiting never left the queue.
        Assert.Equal(new QueueInterruption(TakenOff: 2, Stopped: 2, Unanswered: 0), producer.Interruption);
        Assert.Equal(
            Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal),
            results.Select(r => r.Job.Values[0]).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal(JobStatus.Killed, r.Status));
        Assert.Equal((0L, 0L), (status.Waiting, status.Running.Values.Sum()));
        Assert.Equal([1L, 1L], summaries.Select(s => s.Stopped));
        Assert.All(summaries, s => Assert.Equal((0L, 0L), (s.HandedBack, s.Succeeded + s.Failed)));
        Assert.Equal([QueueJobOutcome.Stopped, QueueJobOutcome.Stopped], ended.Select(e => e.Outcome));
    }

    [Fact]
    public async Task Worker_TakesAJobOfAnInterruptedRunHandedBackMeanwhile_DoesNotStartIt()
    {
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        var started = Path.Combine(folder.Path, "started");
        using var first = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var second = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var producer = new QueueProducer(address, queue: new QueueProducerOptions { StopWait = TimeSpan.FromMilliseconds(300) });
        var run = CollectAsync(producer, JobRun.Script("echo >> $1; sleep 30"), [started], interrupt.Token);
        var leaving = new QueueWorker(address, new QueueWorkerOptions { Name = "leaving", KillGrace = KillGrace }).RunAsync(first.Token);
        Assert.True(await Eventually.HoldsAsync(() => File.Exists(started)));

        // Handed back under a new entry id, one the run never heard of; then the run is interrupted, with no worker up.
        await first.CancelAsync();
        Assert.Equal(1L, (await leaving).HandedBack);
        await interrupt.CancelAsync();
        Assert.Empty(await run);

        // The run cannot know the job will be refused, and no worker is up to say so: it waits for it, then says so.
        Assert.Equal(new QueueInterruption(TakenOff: 0, Stopped: 0, Unanswered: 1), producer.Interruption);
        var ended = new List<QueueJobEnded>();
        var next = new QueueWorker(address, new QueueWorkerOptions { Name = "next", KillGrace = KillGrace, Progress = new EndedJobs(ended) }).RunAsync(second.Token);
        Assert.True(await Eventually.HoldsAsync(() => { lock (ended) { return ended.Count == 1; } }));
        var status = await QueueStatus.ReadAsync(address);
        await second.CancelAsync();
        var summary = await next;

        Assert.Single(await File.ReadAllLinesAsync(started, TestContext.Current.CancellationToken));
        Assert.Equal((QueueJobOutcome.Stopped, "not started: its run was interrupted"), (ended[0].Outcome, ended[0].Reason));
        Assert.Equal((1L, 0L), (summary.Stopped, summary.Succeeded + summary.Failed + summary.HandedBack));
        Assert.Equal((0L, 0L), (status.Waiting, status.Running.Values.Sum()));
    }

    /// <summary>
    /// Runs interrupted at random moments, four at a time, on two workers one of which restarts now and then: no run
    /// waits in vain for a job, every job that ran to its end is reported to its run once, and the queue ends empty.
    /// </summary>
    [Fact]
    public async Task Runs_InterruptedAtRandomMoments_LeaveNothingOnTheQueue_AndReportEveryJobThatStarted()
    {
        const int Runs = 200, JobsPerRun = 6;
        var address = redis.QueueAddress();
        using var folder = new TempFolder();
        var marks = Path.Combine(folder.Path, "started");
        using var stopSteady = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var steady = new QueueWorker(address, new QueueWorkerOptions { Name = "steady", MaxDegreeOfParallelism = 2, KillGrace = KillGrace }).RunAsync(stopSteady.Token);
        var restarts = new CancellationTokenSource();
        var restarting = new List<Task<QueueWorkerSummary>>();
        string[] template = JobRun.Script("sleep $3; echo $1 >> $2");
        var reported = new List<string>();
        var interruptions = new List<QueueInterruption?>();
        var random = new Random(20261206);
        var delays = Enumerable.Range(0, Runs).Select(_ => TimeSpan.FromMilliseconds(random.Next(0, 120))).ToList();
        var sleeps = Enumerable.Range(0, Runs * JobsPerRun).Select(_ => $"0.{random.Next(0, 10)}{random.Next(0, 10)}").ToList();
        try
        {
            for (var batch = 0; batch < Runs; batch += 4)
            {
                if (batch % 40 == 0)
                {
                    // A worker that leaves mid-run hands its running jobs back under new entry ids.
                    await restarts.CancelAsync();
                    restarts.Dispose();
                    restarts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                    restarting.Add(new QueueWorker(address, new QueueWorkerOptions { Name = $"restarting{batch}", MaxDegreeOfParallelism = 2, KillGrace = KillGrace }).RunAsync(restarts.Token));
                }

                var runs = Enumerable.Range(batch, 4).Select(async i =>
                {
                    using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                    interrupt.CancelAfter(delays[i]);
                    var producer = new QueueProducer(address);
                    var values = Enumerable.Range(0, JobsPerRun).Select(k => (IReadOnlyList<string>)[$"{i}-{k}", marks, sleeps[(i * JobsPerRun) + k]]);
                    var results = new List<string>();
                    await foreach (var result in producer.RunAsync(CommandTemplate.Parse(template), values, interrupt.Token))
                    {
                        results.Add(result.Job.Values[0]);
                    }

                    return (results, producer.Interruption);
                }).ToList();
                foreach (var (results, interruption) in await Task.WhenAll(runs))
                {
                    reported.AddRange(results);
                    interruptions.Add(interruption);
                }
            }
        }
        finally
        {
            await restarts.CancelAsync();
            restarts.Dispose();
        }

        await Task.WhenAll(restarting);

        // Whatever was handed back for runs already gone is taken by the steady worker and dropped without starting.
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        Assert.True(await Eventually.HoldsAsync(() => connection.GetDatabase().StreamLength($"{address.Name}:jobs") == 0), "jobs left on the queue");
        var status = await QueueStatus.ReadAsync(address);
        await stopSteady.CancelAsync();
        await steady;

        Assert.Equal((0L, 0L), (status.Waiting, status.Running.Values.Sum()));
        Assert.All(interruptions, i => Assert.Equal(0, i?.Unanswered ?? 0));
        Assert.Contains(interruptions, i => i is { Stopped: > 0 });
        Assert.Contains(interruptions, i => i is { TakenOff: > 0 });
        Assert.Equal(reported.Count, reported.Distinct().Count());
        var finished = File.Exists(marks) ? await File.ReadAllLinesAsync(marks, TestContext.Current.CancellationToken) : [];
        Assert.Empty(finished.Except(reported));
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
}
