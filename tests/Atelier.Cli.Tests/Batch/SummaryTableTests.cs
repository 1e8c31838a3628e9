using Atelier.Cli.Batch;
using Spectre.Console.Testing;

namespace Atelier.Cli.Tests.Batch;

public sealed class SummaryTableTests
{
    [Fact]
    public void Write_UpToAHundredResults_ListsEveryOne()
    {
        var (table, console, output) = Table();
        foreach (var i in Enumerable.Range(0, 100))
        {
            table.Add(i, i != 7 ? BatchOutcome.Succeeded : BatchOutcome.Failed);
        }

        table.Write(() => console, output, quiet: false);

        Assert.Contains("row-0 ", console.Output, StringComparison.Ordinal);
        Assert.Contains("row-99 ", console.Output, StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void Write_PastAHundred_ListsOnlyWhatDidNotSucceedAndSaysSo()
    {
        var (table, console, output) = Table();
        foreach (var i in Enumerable.Range(0, 1000))
        {
            table.Add(i, i % 100 != 50 ? BatchOutcome.Succeeded : BatchOutcome.Failed);
        }

        table.Write(() => console, output, quiet: false);

        Assert.Equal(10, console.Lines.Count(l => l.Contains("row-", StringComparison.Ordinal)));
        Assert.DoesNotContain("row-0 ", console.Output, StringComparison.Ordinal);
        Assert.Equal("The table lists the 10 items that did not succeed; --json or --report FILE.jsonl lists every item.\n", output.ToString());
    }

    [Fact]
    public void Write_ManyFailures_KeepsTheFirstTwoHundred()
    {
        var (table, console, output) = Table();
        foreach (var i in Enumerable.Range(0, 5000))
        {
            table.Add(i, BatchOutcome.Failed);
        }

        table.Write(() => console, output, quiet: false);

        Assert.Equal(SummaryTable<int>.FailureRows, console.Lines.Count(l => l.Contains("row-", StringComparison.Ordinal)));
        Assert.StartsWith("The table lists the first 200 of the 5,000 items that did not succeed;", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LongReasons_StayWithinTheWidestTable()
    {
        var table = new SummaryTable<string>("item", [new("reason")], reason => [reason]);
        var console = new TestConsole { Profile = { Width = 1000 } };
        table.Add(new string('x', 500), BatchOutcome.Failed);

        table.Write(() => console, new StringWriter(), quiet: false);

        Assert.All(console.Lines, l => Assert.True(l.Length <= 160, $"{l.Length} columns"));
    }

    [Fact]
    public void Write_ShortCells_AsWideAsTheyAre_NotPaddedToTheWidest()
    {
        var table = new SummaryTable<string>("item", [new("reason")], reason => [reason]);
        var console = new TestConsole { Profile = { Width = 1000 } };
        table.Add("short", BatchOutcome.Failed);

        table.Write(() => console, new StringWriter(), quiet: false);

        Assert.Equal("│ reason │", console.Lines[1]);
    }

    [Fact]
    public void Write_Quiet_ListsOnlyTheFailures_NotWhatSucceededOrWasInterrupted()
    {
        var (table, console, output) = Table();
        foreach (var i in Enumerable.Range(0, 50))
        {
            table.Add(i, i == 3 ? BatchOutcome.Failed : i >= 40 ? BatchOutcome.Interrupted : BatchOutcome.Succeeded);
        }

        table.Write(() => console, output, quiet: true);

        Assert.Equal(["row-3"], console.Lines.Where(l => l.Contains("row-", StringComparison.Ordinal)).Select(l => l.Trim('│', ' ')));
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void Write_QuietWithNothingFailed_WritesNoTable()
    {
        var (table, console, output) = Table();
        table.Add(1, BatchOutcome.Succeeded);
        table.Add(2, BatchOutcome.Interrupted);

        table.Write(() => console, output, quiet: true);

        Assert.Equal("", console.Output);
        Assert.Empty(output.ToString());
    }

    private static (SummaryTable<int> Table, TestConsole Console, StringWriter Output) Table() =>
        (new SummaryTable<int>("item", [new("item")], i => [$"row-{i} "]), new TestConsole { Profile = { Width = 120 } }, new StringWriter());
}
