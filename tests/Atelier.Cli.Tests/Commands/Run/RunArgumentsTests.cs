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
        var run = RunCommand.Create(Stream.Null);

        Assert.Equal(expected, string.Join(' ', RunArguments.SeparateCommand(args.Split(' '), run)));
    }

    [Theory]
    [InlineData("8M", 8388608)]
    [InlineData("8m", 8_000_000)]
    [InlineData("1Ki", 1024)]
    public void TryParseSize_CountsAsGnuParallel(string text, long bytes)
    {
        Assert.True(RunSyntax.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1M")]
    public void TryParseSize_NegativeOrNothing_IsRefused(string text) => Assert.False(RunSyntax.TryParseSize(text, out _));

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
}
