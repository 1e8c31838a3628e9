using System.Globalization;
using Atelier.Jobs.Log;
using Atelier.Jobs.Running;
using Atelier.Jobs.Tests.Running;
using Atelier.Tests.Support;

namespace Atelier.Jobs.Tests.Log;

public sealed class JobLogTests
{
    [Fact]
    public async Task WriteAsync_WritesGnuParallelsColumns()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "jobs.log");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        await RunLoggedAsync(path, JobRun.Script("printf 12345; exit $1"), ["0", "3"]);

        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(JobLog.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        var fields = lines[1..].Select(l => l.Split('\t')).OrderBy(f => f[0], StringComparer.Ordinal).ToList();
        Assert.All(fields, f => Assert.Equal(9, f.Length));
        Assert.Equal(["1", "2"], fields.Select(f => f[0]));
        Assert.All(fields, f => Assert.Equal(":", f[1]));
        Assert.All(fields, f => Assert.InRange(double.Parse(f[2], CultureInfo.InvariantCulture), before - 1, before + 60));
        Assert.All(fields, f => Assert.InRange(double.Parse(f[3], CultureInfo.InvariantCulture), 0, 60));
        Assert.All(fields, f => Assert.Equal("5", f[5]));
        Assert.Equal(["0", "3"], fields.Select(f => f[6]));
        Assert.Equal(@"/bin/sh -c 'printf 12345; exit $1' sh 3", fields[1][8]);
    }

    [Fact]
    public async Task Resume_AfterTheInputListChanged_SkipsByCommandNotBySequence()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "jobs.log");
        await RunLoggedAsync(path, ["echo", "{}"], ["a", "b", "c"]);

        var history = JobLog.Read(path);
        var results = await RunLoggedAsync(path, ["echo", "{}"], ["new", "a", "c", "d"], job => history.Ran(job));

        Assert.Equal(["new Succeeded", "a Skipped", "c Skipped", "d Succeeded"], results.Select(r => $"{r.Job.Values[0]} {r.Status}"));
        Assert.Equal(6, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task ResumeFailed_RerunsOnlyTheJobsWhoseLastRunFailed()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "jobs.log");
        var marker = Path.Combine(folder.Path, "fixed");
        var script = JobRun.Script($"[ $1 != b ] || [ -e {marker} ]");
        await RunLoggedAsync(path, script, ["a", "b", "c"]);
        File.WriteAllText(marker, "");

        var history = JobLog.Read(path);
        var rerun = await RunLoggedAsync(path, script, ["a", "b", "c"], job => history.Succeeded(job));
        var again = JobLog.Read(path);

        Assert.Equal(["a Skipped", "b Succeeded", "c Skipped"], rerun.Select(r => $"{r.Job.Values[0]} {r.Status}"));
        Assert.Equal(3, again.Count);
        Assert.True(again.Succeeded(rerun[1].Job));
    }

    [Fact]
    public async Task Read_CommandWithNewlinesAndTabs_RoundTrips()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "jobs.log");
        var results = await RunLoggedAsync(path, ["echo", "{}"], ["two\nlines", "a\ttab", @"back\slash"]);

        var history = JobLog.Read(path);

        Assert.Equal(4, File.ReadAllLines(path).Length);
        Assert.All(results, r => Assert.True(history.Ran(r.Job) && history.Succeeded(r.Job)));
    }

    [Fact]
    public void Read_NotAJobLog_IsAOneLineError()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "notes.txt");
        File.WriteAllText(path, "shopping list\nmilk\n");

        var error = Assert.Throws<AtelierException>(() => JobLog.Read(path));

        Assert.Equal($"'{path}' line 1 is not a job log line (nine tab-separated fields, Exitval and Signal numbers).", error.Message);
    }

    [Fact]
    public async Task WriteAsync_DiskFull_IsAOneLineErrorNamingTheLog()
    {
        var result = Assert.Single(await JobRun.RunAsync(["true"], ["a"]));

        var error = await Assert.ThrowsAsync<AtelierException>(async () =>
        {
            await using var log = await JobLog.OpenAsync("/dev/full", TestContext.Current.CancellationToken);
            await log.WriteAsync(result, cancellationToken: TestContext.Current.CancellationToken);
        });

        Assert.StartsWith("Cannot write the job log '/dev/full': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_IsAnEmptyHistory() => Assert.Equal(0, JobLog.Read("/nonexistent/jobs.log").Count);

    private static async Task<List<JobResult>> RunLoggedAsync(string path, string[] template, string[] values, Func<Job, bool>? skip = null)
    {
        var results = await JobRun.RunAsync(template, values, new JobRunnerOptions { MaxDegreeOfParallelism = 2, PreserveOrder = true, Skip = skip });
        await using var log = await JobLog.OpenAsync(path, TestContext.Current.CancellationToken);
        foreach (var result in results)
        {
            await log.WriteAsync(result, cancellationToken: TestContext.Current.CancellationToken);
        }

        return results;
    }
}
