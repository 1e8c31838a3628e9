using System.Globalization;
using System.Text;
using Atelier.Jobs.Log;
using Atelier.Jobs.Pipes;
using Atelier.Jobs.Running;
using Atelier.Jobs.Templates;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Pipes;

/// <summary>Jobs that read a block on stdin: what they get, what happens when they stop reading, the job log's Send column.</summary>
public sealed class PipedJobsTests
{
    [Fact]
    public async Task RunAsync_Blocks_EachJobReadsExactlyItsBlockInOrder()
    {
        var input = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i}\n"));

        var results = await RunAsync(["wc", "-l"], StreamBlocks.Read(Stream(input), new BlockOptions { BlockSize = 10_000 }), PreserveOrder);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));
        Assert.Equal(20_000, results.Sum(r => int.Parse(r.Output.ToString(), CultureInfo.InvariantCulture)));
        Assert.Equal(Enumerable.Range(1, results.Count).Select(i => (long)i), results.Select(r => r.Job.Sequence));
    }

    [Fact]
    public async Task RunAsync_JobThatStopsReadingEarly_SucceedsAndTheRunGoesOn()
    {
        var input = string.Concat(Enumerable.Repeat(new string('x', 99) + "\n", 100_000));

        var results = await RunAsync(["head", "-c", "3"], StreamBlocks.Read(Stream(input), new BlockOptions { BlockSize = 4 << 20 }), PreserveOrder);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal((JobStatus.Succeeded, "xxx"), (r.Status, r.Output.ToString())));
    }

    [Fact]
    public async Task RunAsync_JobLog_SendIsTheBytesEachJobWasGiven()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "jobs.log");
        var results = await RunAsync(["cat"], StreamBlocks.Read(Stream("h\n1\n2\n3\n"), new BlockOptions { BlockSize = 4, HeaderLines = 1 }), PreserveOrder);
        await using (var writer = await JobLog.OpenAsync(log, TestContext.Current.CancellationToken))
        {
            foreach (var result in results)
            {
                await writer.WriteAsync(result, cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        var send = File.ReadLines(log).Skip(1).Select(line => line.Split('\t')[4]).ToList();

        Assert.Equal(["h\n1\n2\n", "h\n3\n"], results.Select(r => r.Output.ToString()));
        Assert.Equal(["6", "4"], send);
    }

    [Fact]
    public async Task RunAsync_RoundRobin_StartsOneJobPerSlotAndSharesEveryBlockBetweenThem()
    {
        var input = string.Concat(Enumerable.Range(1, 50_000).Select(i => $"{i}\n"));
        var blocks = StreamBlocks.Read(Stream(input), new BlockOptions { BlockSize = 4096, HeaderLines = 1 });

        var results = await RunAsync(["wc", "-l"], RoundRobin.Share(blocks, 3), new JobRunnerOptions { MaxDegreeOfParallelism = 3 });

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Reason));

        // The header line once per job that was given blocks (one that started after the others took them all gets
        // none), every other line once in all.
        var given = results.Count(r => r.Job.Input!.Length > 0);
        Assert.InRange(given, 1, 3);
        Assert.Equal(49_999 + given, results.Sum(r => int.Parse(r.Output.ToString(), CultureInfo.InvariantCulture)));
        Assert.Equal(input.Length - 2 + (given * 2), results.Sum(r => r.Job.Input!.Length));
    }

    [Fact]
    public async Task RunAsync_Interrupted_KillsJobsBlockedOnTheirInputAndEnds()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var input = new string('x', 8 << 20);
        var runner = new JobRunner(CommandTemplate.Parse(["sleep", "30"]), new JobRunnerOptions { MaxDegreeOfParallelism = 2 });
        var started = System.Diagnostics.Stopwatch.StartNew();
        stop.CancelAfter(TimeSpan.FromMilliseconds(300));

        var results = new List<JobResult>();
        await foreach (var result in runner.RunAsync(StreamBlocks.Read(Stream(input), new BlockOptions { BlockSize = 4 << 20 }), stop.Token))
        {
            results.Add(result);
        }

        Assert.All(results, r => Assert.Equal(JobStatus.Killed, r.Status));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    private static JobRunnerOptions PreserveOrder => new() { MaxDegreeOfParallelism = 2, PreserveOrder = true };

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<List<JobResult>> RunAsync(string[] template, IEnumerable<JobInput> blocks, JobRunnerOptions options)
    {
        var results = new List<JobResult>();
        await foreach (var result in new JobRunner(CommandTemplate.Parse(template), options).RunAsync(blocks, TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        return results;
    }
}
