using Atelier.Jobs.Inputs;
using Atelier.Jobs.Templates;

namespace Atelier.Jobs.Tests.Inputs;

/// <summary>Values grouped into jobs as GNU parallel's -n, -N, -m and -X group them (expected groups from its rules and runs).</summary>
public sealed class ArgumentBatchesTests
{
    private static readonly CommandTemplate Echo = CommandTemplate.Parse(["echo"]);

    [Fact]
    public void Group_MaxSets_TakesUpToNEachAndTheRestLast() =>
        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], Group("a b c d e", new ArgumentBatching { MaxSets = 2 }));

    [Fact]
    public void Group_MaxSets_KeepsEachSetOfSeveralSourcesWhole() =>
        Assert.Equal(
            [["a", "1", "a", "2"], ["b", "1"]],
            ArgumentBatches.Group([["a", "1"], ["a", "2"], ["b", "1"]], Echo, new ArgumentBatching { MaxSets = 2 }, 2));

    [Fact]
    public void Group_Exactly_GivesNValuesAndFewerOnlyLast() =>
        Assert.Equal([["a", "b", "c"], ["d"]], Group("a b c d", new ArgumentBatching { Exactly = 3 }));

    [Fact]
    public void Group_Spread_SharesWhatIsLeftAtTheEndOverTheSlots() =>
        Assert.Equal([["a", "b", "c"], ["d", "e"]], Group("a b c d e", new ArgumentBatching { Spread = true }));

    [Fact]
    public void Group_MaxChars_StopsBeforeTheValueThatWouldPassIt_ThenSpreadsTheRest()
    {
        // echo aaa bbb ccc ddd: 5 + 4 x 4 = 21 bytes with the terminators; eee would make 25.
        Assert.Equal(
            [["aaa", "bbb", "ccc", "ddd"], ["eee"], ["fff"]],
            Group("aaa bbb ccc ddd eee fff", new ArgumentBatching { MaxChars = 21, Spread = true }));
    }

    [Fact]
    public void Group_MaxChars_CountsWhatEachValueAddsToTheWordsItIsIn()
    {
        var template = CommandTemplate.Parse(["cp", "in/{}", "out/{}"], contextReplace: true);

        // cp in/a out/a: 3 + 5 + 6; each further value adds 5 + 6.
        var jobs = ArgumentBatches.Group([["a"], ["b"], ["c"]], template, new ArgumentBatching { MaxChars = 25 }, 1);

        Assert.Equal([["a", "b"], ["c"]], jobs);
        Assert.Equal(25, template.Expand(["a", "b"], 1, 1).Sum(argument => argument.Length + 1));
    }

    [Fact]
    public void Group_ValueLongerThanTheLimit_IsAJobAlone()
    {
        var longValue = new string('x', 50);

        Assert.Equal([["a"], [longValue], ["b"]], Group($"a {longValue} b", new ArgumentBatching { MaxChars = 20 }));
    }

    [Fact]
    public void Group_IsLazy_ReadsOnlyWhatTheJobsTakenNeed()
    {
        var read = 0;
        IEnumerable<IReadOnlyList<string>> Endless()
        {
            while (true)
            {
                yield return [$"v{++read}"];
            }
        }

        var first = ArgumentBatches.Group(Endless(), Echo, new ArgumentBatching { MaxSets = 3 }, 2).Take(2).ToList();

        Assert.Equal([["v1", "v2", "v3"], ["v4", "v5", "v6"]], first);
        Assert.Equal(6, read);
    }

    private static List<IReadOnlyList<string>> Group(string values, ArgumentBatching batching) =>
        [.. ArgumentBatches.Group(values.Split(' ').Select(v => (IReadOnlyList<string>)[v]), Echo, batching, jobSlots: 2)];
}
