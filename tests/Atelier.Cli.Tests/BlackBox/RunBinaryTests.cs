using System.Globalization;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.BlackBox;

public sealed class RunBinaryTests
{
    [Fact]
    public async Task Run_NoSource_ReadsValuesFromStdinLines()
    {
        var (code, output, error) = await AtelierProcess.RunWithInputAsync("a b\nc\n", "run", "-k", "printf", "<%s>\\n");

        Assert.True(code == 0, error);
        Assert.Equal("<a b>\n<c>\n", output);
    }

    [Fact]
    public async Task Run_Null_ReadsNulSeparatedValues()
    {
        var (code, output, error) = await AtelierProcess.RunWithInputAsync("two\nlines\0plain\0", "run", "-0", "-k", "printf", "<%s>\\n");

        Assert.True(code == 0, error);
        Assert.Equal("<two\nlines>\n<plain>\n", output);
    }

    [Fact]
    public async Task Run_Sigint_StopsEveryJobAndItsChildren_Exit130()
    {
        using var folder = new TempFolder();
        var pids = Path.Combine(folder.Path, "pids");
        using var atelier = AtelierProcess.Start("run", "-j", "2", "sh", "-c", $"sleep 60 & echo $! >> {pids}; wait", "sh", ":::", "1", "2", "3", "4");
        Assert.True(await Eventually.HoldsAsync(() => File.Exists(pids) && File.ReadAllLines(pids).Length == 2, TimeSpan.FromSeconds(30)));
        var sleeps = File.ReadAllLines(pids).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();

        await atelier.SignalAsync("INT");

        Assert.Equal(130, await atelier.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Matches(@"atelier run: Interrupted: 0 failed, 2 stopped, the rest not started in \d+\.\d\d s; none ran to its end\. No more jobs were started; running ones were stopped\.", atelier.Error);
        Assert.True(await Eventually.HoldsAsync(() => !sleeps.Any(ProcessTable.IsAlive)), "a job's child outlived atelier");
        Assert.Equal(2, File.ReadAllLines(pids).Length);
    }

    // The expected outputs are GNU parallel 20221122's on the same input and options.
    [Theory]
    [InlineData("--block 10 wc -c", "a\nbb\nccc\ndddd\neeeee\nf\n", "9\n5\n8\n")]
    [InlineData("-N 4 paste -sd,", "a\nbb\nccc\ndddd\neeeee\nf\n", "a,bb,ccc,dddd\neeeee,f\n")]
    [InlineData("-N 2 --header 1 paste -sd,", "h1\nh2\na\nb\nc\n", "h1,h2,a\nh1,b,c\n")]
    [InlineData("--recstart > -N 1 paste -sd,", ">x\n1\n>y\n2\n", ">x,1\n>y,2\n")]
    public async Task Run_Pipe_GivesEachJobABlockOfStdinEndingAtARecord(string options, string input, string expected)
    {
        var (code, output, error) = await AtelierProcess.RunWithInputAsync(input, ["run", "--pipe", "-k", .. options.Split(' ')]);

        Assert.True(code == 0, error);
        Assert.Equal(expected, output);
    }
}
