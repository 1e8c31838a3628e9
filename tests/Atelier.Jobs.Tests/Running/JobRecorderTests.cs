using System.Text;
using System.Text.Json;
using Atelier.Jobs.Log;
using Atelier.Jobs.Running;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Running;

public sealed class JobRecorderTests
{
    [Fact]
    public async Task WriteAsync_EachResult_OutputTaggedThenItsLogLineAndResults()
    {
        using var folder = new TempFolder();
        var (log, results) = (Path.Combine(folder.Path, "jobs.log"), Path.Combine(folder.Path, "runs.jsonl"));
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        var ran = await JobRun.RunAsync(["sh", "-c", "echo out $0; echo err $0 >&2", "{}"], ["a", "b"], new JobRunnerOptions { MaxDegreeOfParallelism = 2, PreserveOrder = true });

        await using (var recorder = await JobRecorder.OpenAsync(new JobOutputWriter(output, error, tag: true), log, results, lines: false, TestContext.Current.CancellationToken))
        {
            foreach (var result in ran)
            {
                await recorder.WriteAsync(result);
            }
        }

        Assert.Equal("a\tout a\nb\tout b\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("a\terr a\nb\terr b\n", Encoding.UTF8.GetString(error.ToArray()));
        var logLines = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
        Assert.Equal(JobLog.Header, logLines[0]);
        Assert.Equal(["1", "2"], logLines[1..].Select(l => l.Split('\t')[0]));
        var kept = (await File.ReadAllLinesAsync(results, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["out a\n", "out b\n"], kept.Select(r => r.GetProperty("stdout").GetString()));
    }

    [Fact]
    public async Task OpenAsync_ResultsWithOutputByLines_IsRefusedNamingBoth()
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<AtelierException>(() => JobRecorder.OpenAsync(new JobOutputWriter(Stream.Null, Stream.Null, tag: false), null, Path.Combine(folder.Path, "r.jsonl"), lines: true, TestContext.Current.CancellationToken));

        Assert.Equal(("Results keeps each job's whole output; Lines passes it on as it comes: choose one.", 2), (error.Message, error.Settings.Count));
        Assert.Empty(folder.Files);
    }
}
