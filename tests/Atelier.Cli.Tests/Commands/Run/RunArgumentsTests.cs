using Atelier.Cli.Commands;
using Atelier.Cli.Commands.Run;

namespace Atelier.Cli.Tests.Commands.Run;

public sealed class RunArgumentsTests
{
    [Theory]
    [InlineData("run grep -v x ::: a", "run -- grep -v x ::: a")]
    [InlineData("run -j 2 -k grep -v x", "run -j 2 -k -- grep -v x")]
    [InlineData("run -j2 --timeout=5s ls -l", "run -j 2 --timeout 5s -- ls -l")]
    [InlineData("run --shell -0 sh", "run --shell -0 -- sh")]
    [InlineData("run -- -weird-program", "run -- -weird-program")]
    [InlineData("run --tag -- ls", "run --tag -- ls")]
    [InlineData("fetch -j 2 url", "fetch -j 2 url")]
    [InlineData("run --dry-run", "run --dry-run")]
    public void SeparateCommand_EndsRunsOptionsWhereTheCommandStarts(string args, string expected)
    {
        var run = RunCommand.Create();

        Assert.Equal(expected, string.Join(' ', RunArguments.SeparateCommand(args.Split(' '), run)));
    }

    [Fact]
    public void Split_TemplateAndSources_InOrder()
    {
        var (template, sources) = RunArguments.Split(["cp", "{1}", "{2}", ":::", "a", "b", ":::+", "x", "y", "::::", "list1", "list2", "::::+", "list3"], useShell: false);

        Assert.Equal(["cp", "{1}", "{2}"], template);
        Assert.Equal(
            ["a,b linked=False", "x,y linked=True", "file list1 linked=False", "file list2 linked=False", "file list3 linked=True"],
            sources.Select(s => $"{(s.Values is null ? $"file {s.File}" : string.Join(',', s.Values))} linked={s.Linked}"));
    }

    [Fact]
    public void Split_OneWordWithSpaces_IsSplitOnceRespectingDoubleQuotes()
    {
        var (template, sources) = RunArguments.Split(["gzip -9 \"my dir/{}\""], useShell: false);

        Assert.Equal(["gzip", "-9", "my dir/{}"], template);
        Assert.Empty(sources);
    }

    [Fact]
    public void Split_OneWordWithShell_StaysOneWord() =>
        Assert.Equal(["gunzip -c {} | wc -l"], RunArguments.Split(["gunzip -c {} | wc -l"], useShell: true).Template);

    [Theory]
    [InlineData("gunzip -c {} | wc -l", "'|' is shell syntax, and atelier runs the command without a shell: add --shell (every value is quoted for it).")]
    [InlineData("sort {} > {}.sorted", "'>' is shell syntax, and atelier runs the command without a shell: add --shell (every value is quoted for it).")]
    [InlineData("::: a", "Name a command to run, for example: atelier run gzip -9 {} ::: *.log")]
    [InlineData("echo :::", "':::' is followed by no value.")]
    [InlineData("echo ::: a ::::", "'::::' is followed by no file.")]
    public void Split_Mistakes_AreOneLineErrors(string words, string message)
    {
        var error = Assert.Throws<AtelierException>(() => RunArguments.Split(words == "gunzip -c {} | wc -l" ? [words] : words.Split(' '), useShell: false));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("4", 8, 4)]
    [InlineData("50%", 8, 4)]
    [InlineData("10%", 8, 1)]
    [InlineData("+2", 8, 10)]
    [InlineData("-2", 8, 6)]
    [InlineData("-20", 8, 1)]
    public void TryParseJobs_GnuParallelForms(string text, int cores, int expected)
    {
        Assert.True(RunSyntax.TryParseJobs(text, cores, out var jobs));
        Assert.Equal(expected, jobs);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("%")]
    [InlineData("-")]
    [InlineData("1.5")]
    public void TryParseJobs_Nonsense_IsRefused(string text) => Assert.False(RunSyntax.TryParseJobs(text, 8, out _));

    [Theory]
    [InlineData("1048576", 1048576)]
    [InlineData("512K", 524288)]
    [InlineData("8M", 8388608)]
    [InlineData("1.5G", 1610612736)]
    [InlineData("1Ki", 1024)]
    [InlineData("1ki", 1024)]
    [InlineData("2Mi", 2097152)]
    public void TryParseSize_CapitalUnitsAndIUnitsArePowersOf1024(string text, long bytes)
    {
        Assert.True(RunSyntax.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("10k", 10_000)]
    [InlineData("1m", 1_000_000)]
    [InlineData("2g", 2_000_000_000)]
    public void TryParseSize_SmallUnitsArePowersOf1000AsInGnuParallel(string text, long bytes)
    {
        Assert.True(RunSyntax.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("M")]
    [InlineData("-1M")]
    [InlineData("1X")]
    [InlineData("1i")]
    public void TryParseSize_Nonsense_IsRefused(string text) => Assert.False(RunSyntax.TryParseSize(text, out _));

    [Theory]
    [InlineData("-4", -4)]
    [InlineData("10M", 10485760)]
    public void TryParseBlock_TakesASizeOrANegativeCountPerJobSlot(string text, long value)
    {
        Assert.True(RunSyntax.TryParseBlock(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void TryParseBlock_Zero_IsRefused() => Assert.False(RunSyntax.TryParseBlock("0", out _));

    [Theory]
    [InlineData("\\n", "\n")]
    [InlineData("\\t|", "\t|")]
    [InlineData("\\0", "\0")]
    [InlineData("a\\\\b", "a\\b")]
    [InlineData("\\q", "\\q")]
    public void Unescape_ReadsTheEscapesGnuParallelReads(string text, string expected) =>
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(expected), RunSyntax.Unescape(text));
}
