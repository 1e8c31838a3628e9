using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.BlackBox;

/// <summary>The live views on a real terminal (tmux at 80x24): what is left on the screen is what a person reads.</summary>
public sealed class TerminalViewTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunBar_JobOutputOnTheSameTerminal_LandsAboveTheBarInWholeLines()
    {
        var values = string.Join(' ', Enumerable.Range(1, 30));
        using var terminal = TerminalSession.Start(80, 24, $"{Atelier} run --bar -j2 sh -c 'sleep 0.05; echo line $1 of the job' sh ::: {values}");

        Assert.Equal(0, await terminal.ExitCodeAsync(Timeout));
        var lines = terminal.Lines();
        Assert.All(Enumerable.Range(1, 30), i => Assert.Single(lines, l => l == $"line {i} of the job"));
        Assert.DoesNotContain(lines, l => l.Contains('━', StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("reading values from the terminal", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("atelier run: 30 succeeded, 0 failed in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ValuesFromTheTerminal_SaysSoBeforeReading()
    {
        using var terminal = TerminalSession.Start(80, 24, $"{Atelier} run echo got");

        Assert.True(await Eventually.HoldsAsync(() => terminal.Lines().Any(l => l.StartsWith("atelier run: reading values from the terminal", StringComparison.Ordinal))), string.Join('\n', terminal.Lines()));
    }

    [Fact]
    public async Task Monitor_AlertOnATerminal_IsALineAboveTheTableNotInsideIt()
    {
        using var terminal = TerminalSession.Start(
            80, 24, $"{Atelier} monitor --interval 200ms --check-every 200ms --for 200ms --alert 'mem>0.1' --duration 3s");

        Assert.Equal(0, await terminal.ExitCodeAsync(Timeout));
        var lines = terminal.Lines();
        Assert.Contains(lines, l => l.StartsWith("atelier: alert FIRING: warn mem>0.1 (mem = ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("FIRING", StringComparison.Ordinal) && l.Contains('│', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monitor_AlertWiderThanTheTerminal_WrapsAboveTheTableAndLeavesNoPiecesOfIt()
    {
        // A process with a long command line, named so that a rule watches it: its alert names it, past 80 columns.
        using var folder = new TempFolder();
        var program = Path.Combine(folder.Path, "atelierwide");
        File.Copy("/usr/bin/tail", program);
        var arguments = string.Join(' ', Enumerable.Repeat("-f /dev/null", 20));
        using var wide = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        try
        {
            using var terminal = TerminalSession.Start(
                80, 24, $"{Atelier} monitor --interval 200ms --check-every 200ms --for 200ms --alert 'proc:atelierwide.mem>0' --alert 'mem>0.1' --duration 3s");

            Assert.Equal(0, await terminal.ExitCodeAsync(Timeout));
            var lines = terminal.Lines();
            Assert.Contains(lines, l => l.StartsWith("atelier: alert FIRING: warn proc:atelierwide.mem>0 ", StringComparison.Ordinal));

            // Every row with a table's border is a row of a table: no alert's piece beside it, no old frame beside an alert.
            Assert.All(lines.Where(l => l.Contains('│', StringComparison.Ordinal)), l => Assert.StartsWith("│", l.TrimStart(), StringComparison.Ordinal));

            // Cut at the terminal's width by atelier, not wrapped by the terminal (which tmux would join back into one).
            Assert.All(lines.Where(l => l.StartsWith("atelier: alert", StringComparison.Ordinal)), l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        }
        finally
        {
            wide.Kill();
            await wide.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Fetch_LiveView_ShowsTheRunAndEachDownloadWithoutMadeUpSizes()
    {
        using var folder = new TempFolder();
        var urls = Enumerable.Range(0, 3).Select(i => TerminalSession.Quote(fixture.Server.Url($"/slow/live-{i}.bin?size=100000&pauseMs=30&group=live")));
        using var terminal = TerminalSession.Start(80, 24, $"{Atelier} fetch -j 2 --per-host 1 -o {TerminalSession.Quote(folder.Path)} {string.Join(' ', urls)}");

        IReadOnlyList<string> screen = [];
        Assert.True(
            await Eventually.HoldsAsync(
                () => (screen = terminal.Lines()).Any(l => l.StartsWith("0/3 done, 0 failed, 1 running, 1 waiting for their host, ", StringComparison.Ordinal))
                    && screen.Any(l => l.Contains("group=live ", StringComparison.Ordinal) && l.Contains("KiB/", StringComparison.Ordinal)),
                Timeout),
            string.Join('\n', screen));
        Assert.DoesNotContain(screen, l => l.Contains("/1 byte", StringComparison.Ordinal));

        // --per-host 1 lets one of the two through: the other is counted in the header, not shown as a row "waiting".
        Assert.DoesNotContain(screen, l => l.Contains(": waiting", StringComparison.Ordinal));

        Assert.Equal(0, await terminal.ExitCodeAsync(Timeout));
        Assert.Contains(terminal.Lines(), l => l.StartsWith("3 downloaded, 0 failed in ", StringComparison.Ordinal));
    }

    private static string Atelier => TerminalSession.Quote(AtelierProcess.Executable);
}
