using System.Text.Json;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.BlackBox;

/// <summary>The real binary: worker processes of itself, signals, and exit codes as a shell sees them.</summary>
public sealed class AtelierBinaryTests
{
    [Fact]
    public async Task LabCpu_StartsWorkersOfItself_AndAllResultsAreIdentical()
    {
        var (code, output, error) = await AtelierProcess.RunAsync("lab", "cpu", "--limit", "2000000", "--workers", "2", "--json");

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        var runs = document.RootElement.GetProperty("runs");
        Assert.Equal(4, runs.GetArrayLength());
        Assert.All(runs.EnumerateArray(), r => Assert.True(r.GetProperty("matches").GetBoolean()));
        Assert.Equal(document.RootElement.GetProperty("expected").GetString(), runs[3].GetProperty("total").GetString());
    }

    [Fact]
    public async Task LabWorkers_EveryWorkerExitsOnItsPoisonPill()
    {
        var (code, output, error) = await AtelierProcess.RunAsync("lab", "workers", "--tasks", "6", "--workers", "2", "--task-time", "10ms", "--json");

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(output);
        var workers = document.RootElement.GetProperty("workers");
        Assert.Equal(2, workers.GetArrayLength());
        Assert.All(workers.EnumerateArray(), w => Assert.Equal("stopped", w.GetProperty("exit").GetString()));
        Assert.Equal(6, document.RootElement.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task LabErrors_ExitCodeIsTwo()
    {
        var (code, _, _) = await AtelierProcess.RunAsync("lab", "errors");

        Assert.Equal(2, code);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Signal_StopsCleanlyWithItsExitCode(string signal, int expected)
    {
        using var atelier = AtelierProcess.Start("lab", "downloads", "--count", "60", "--concurrency", "1", "--refresh", "50ms");
        await atelier.FirstErrorLineAsync(TimeSpan.FromSeconds(30));

        await atelier.SignalAsync(signal);

        Assert.Equal(expected, await atelier.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.EndsWith("atelier: interrupted.", atelier.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupt_WhileWorkersRun_LeavesNoWorkerProcessBehind()
    {
        using var atelier = AtelierProcess.Start("lab", "workers", "--tasks", "200", "--workers", "2", "--task-time", "1s");
        Assert.True(await Eventually.HoldsAsync(() => ProcessTable.ChildrenOf(atelier.Id).Count == 2, TimeSpan.FromSeconds(30)));
        var workers = ProcessTable.ChildrenOf(atelier.Id);

        await atelier.SignalAsync("INT");

        Assert.Equal(130, await atelier.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await Eventually.HoldsAsync(() => !workers.Any(ProcessTable.IsAlive)), "a worker outlived its parent");
    }
}
