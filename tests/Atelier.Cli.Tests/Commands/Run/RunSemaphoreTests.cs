using System.Diagnostics;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.Commands.Run;

/// <summary><c>atelier run --semaphore</c>: GNU parallel's <c>sem</c>, across separate invocations.</summary>
public sealed class RunSemaphoreTests
{
    [Fact]
    public async Task Semaphore_Foreground_GivesTheCommandsExitCode()
    {
        var run = await CliRun.InvokeAsync(["run", "--semaphore", "--id", $"t-{Guid.NewGuid():N}", "--fg", "--", "sh", "-c", "exit 3"]);

        Assert.Equal(3, run.ExitCode);
    }

    [Fact]
    public async Task Semaphore_Background_HoldsThePlaceUntilTheCommandEnds_OthersWaitOrGiveUp()
    {
        var id = $"t-{Guid.NewGuid():N}";
        var marker = $"30.{Random.Shared.Next(100_000, 999_999)}";
        var started = await CliRun.InvokeAsync(["run", "--semaphore", "--id", id, "--", "sleep", marker]);
        Assert.Equal(0, started.ExitCode);
        var holder = ProcessTable.ChildrenOf(Environment.ProcessId).Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains(marker, StringComparison.Ordinal));

        // -j 1: the one place is held by the background command, not by the run that started it (which has ended).
        var gaveUp = await CliRun.InvokeAsync(["run", "--semaphore", "--id", id, "--st", "-0.2", "--fg", "--", "true"]);
        Assert.Equal(2, gaveUp.ExitCode);
        Assert.Contains($"no place of semaphore '{id}' came free in 0.2 s; the command was not run.", gaveUp.Error, StringComparison.Ordinal);

        // -j 2: a second place, free.
        Assert.Equal(0, (await CliRun.InvokeAsync(["run", "--semaphore", "--id", id, "-j", "2", "--fg", "--", "true"])).ExitCode);

        var waiting = CliRun.InvokeAsync(["run", "--semaphore", "--wait", "--id", id]);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        using (var process = Process.GetProcessById(holder))
        {
            process.Kill();
        }

        Assert.Equal(0, (await waiting).ExitCode);
    }

    [Fact]
    public async Task Semaphore_WithInputs_IsAOneLineError()
    {
        var run = await CliRun.InvokeAsync(["run", "--semaphore", "--", "echo", ":::", "a"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--semaphore runs one command, without inputs", run.Error, StringComparison.Ordinal);
    }
}
