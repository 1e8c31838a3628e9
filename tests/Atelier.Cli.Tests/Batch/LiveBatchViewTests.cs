using Atelier.Cli.Batch;
using Spectre.Console.Testing;

namespace Atelier.Cli.Tests.Batch;

/// <summary>The live view on Spectre's test console, an interactive ANSI terminal of 80 columns.</summary>
public sealed class LiveBatchViewTests
{
    [Fact]
    public async Task Above_WritesWholeLinesThroughTheConsole_WhileTheViewRuns()
    {
        var console = Terminal();
        var view = new LiveBatchView(console, new FakeTimeProvider());

        await view.RunAsync(
            () =>
            {
                view.Above!.Write("first half, ");
                view.Above.Write("second half\nanother line\nno end yet");
                return Task.CompletedTask;
            },
            () => new BatchStatus("1/2 jobs, 0 failed", 1, 2));

        var lines = console.Lines.Select(Plain).ToList();
        Assert.True(lines.Contains("first half, second half"), string.Join("\n", console.Lines.Select(l => l.Replace("\x1b", "ESC", StringComparison.Ordinal))));
        Assert.Contains("another line", lines);
        Assert.Contains(lines, l => l.Contains("no end yet", StringComparison.Ordinal));
        Assert.True(lines.IndexOf("another line") < lines.IndexOf("1/2 jobs, 0 failed"), "the lines written above the display come before it");
    }

    [Fact]
    public async Task Items_ShowTheirAmount_AndTheOverallLineIsAboveTheBars()
    {
        var console = Terminal();
        var view = new LiveBatchView(console, new FakeTimeProvider());

        await view.RunAsync(
            () =>
            {
                view.ShowItem(new BatchItem(1, "https://example.com/a.bin", 512 * 1024, 1024 * 1024));
                view.ShowItem(new BatchItem(2, "https://example.com/b.bin", 0, null, "waiting"));
                return Task.CompletedTask;
            },
            () => new BatchStatus("0/2 done, 0 failed, 2 running", 0, 2));

        var lines = console.Lines.Select(Plain).ToList();
        Assert.Contains(lines, l => l.StartsWith("0/2 done, 0 failed, 2 running", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("a.bin", StringComparison.Ordinal) && l.Contains("0.5/1.0 MiB", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("b.bin: waiting", StringComparison.Ordinal) && !l.Contains("byte", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("/1 byte", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overall_WithAShareOfTheWork_ShowsItsPercentAndTheStatusLinesTimeLeft()
    {
        // One large file 17% through, as fetch measures it in bytes: the overall bar said "all 0%" beside it.
        var console = Terminal();
        var view = new LiveBatchView(console, new FakeTimeProvider());

        await view.RunAsync(
            () =>
            {
                view.ShowItem(new BatchItem(1, "https://example.com/big.iso", 17, 100));
                return Task.CompletedTask;
            },
            () => new BatchStatus("0/1 done, 0 failed, 1 running, about 01:18 left", 0, 1) { Fraction = 0.17, Left = TimeSpan.FromSeconds(78) });

        var overall = console.Lines.Select(Plain).Single(l => l.StartsWith("all ", StringComparison.Ordinal));
        Assert.Contains(" 17%", overall, StringComparison.Ordinal);
        Assert.EndsWith("00:01:18", overall.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item_WithItsOwnSpeed_ShowsItAndTheTimeLeftAtIt()
    {
        // A resumed download: 900 KiB were on disk already; this run's bytes come at 100 KiB/s, 100 KiB are left.
        var console = Terminal();
        var view = new LiveBatchView(console, new FakeTimeProvider());

        await view.RunAsync(
            () =>
            {
                view.ShowItem(new BatchItem(1, "https://example.com/resumed.bin", 900 * 1024, 1000 * 1024) { Speed = 100 * 1024 });
                return Task.CompletedTask;
            },
            () => new BatchStatus("0/1 done", 0, 1));

        var row = console.Lines.Select(Plain).Single(l => l.Contains("resumed.bin", StringComparison.Ordinal));
        Assert.Contains("100.0 KiB/s", row, StringComparison.Ordinal);
        Assert.EndsWith("00:00:01", row.TrimEnd(), StringComparison.Ordinal);
    }

    private static TestConsole Terminal()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        console.Profile.Width = 80;
        return console;
    }

    /// <summary>A line as the eye reads it: escape sequences removed.</summary>
    private static string Plain(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"\x1b\[[0-9;?]*[A-Za-z]", "").TrimEnd();
}
