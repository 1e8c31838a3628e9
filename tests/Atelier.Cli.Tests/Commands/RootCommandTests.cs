namespace Atelier.Cli.Tests.Commands;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_ListsTheCommandsAndExitsZero()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("lab", run.Output, StringComparison.Ordinal);
        Assert.Contains("--version", run.Output, StringComparison.Ordinal);

        // One line a command: the examples are in each command's own help.
        Assert.DoesNotContain("Examples:", run.Output, StringComparison.Ordinal);
        Assert.InRange(run.OutputLines.Count, 10, 25);
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    public async Task NoCommand_OrHelp_ShowsTheHelp(string args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Commands:", run.Output, StringComparison.Ordinal);
        Assert.Contains("fetch", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("fetch", "atelier fetch -i urls.txt -o downloads -j 16 --report fetch.jsonl")]
    [InlineData("resize", "atelier resize photos/")]
    [InlineData("run", "atelier run gzip -9 ::: *.log")]
    [InlineData("monitor", "atelier monitor --serve 9100")]
    public async Task HelpOfACommand_HasExamples(string command, string example)
    {
        var run = await CliRun.InvokeAsync($"help {command}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
        Assert.Contains(example, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Default: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await CliRun.InvokeAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "atelier: Unrecognized command or argument 'nope'. See 'atelier --help'.")]
    [InlineData("fecth", "atelier: Unrecognized command or argument 'fecth'. Did you mean 'fetch'? See 'atelier --help'.")]
    [InlineData("lab rase", "atelier: Unrecognized command or argument 'rase'. Did you mean 'race'? See 'atelier lab --help'.")]
    [InlineData("fetch --splt 4 http://x/", "atelier: unknown option '--splt' for 'fetch'. Did you mean '--split'? A value that starts with - goes after --. See 'atelier fetch --help'.")]
    [InlineData("help nosuch", "atelier: no command 'nosuch'. See 'atelier --help'.")]
    [InlineData("help lab rase", "atelier: no command 'lab rase'. Did you mean 'race'? See 'atelier --help'.")]
    [InlineData("lab", "atelier: Required command was not provided. See 'atelier lab --help'.")]
    [InlineData("lab race --threads 0", "atelier: --threads '0' must be at least 1. See 'atelier lab race --help'.")]
    [InlineData("lab race --threads many", "atelier: --threads 'many' is not a whole number. See 'atelier lab race --help'.")]
    [InlineData("lab race --threads 99999999999", "atelier: --threads '99999999999' must be at most 256. See 'atelier lab race --help'.")]
    [InlineData("lab threads --delay 5x", "atelier: --delay '5x' is not a duration (for example 500ms, 10s, 2m). See 'atelier lab threads --help'.")]
    [InlineData("lab cpu --limit 4000000000", "atelier: --limit '4000000000' must be at most 3000000000. See 'atelier lab cpu --help'.")]
    public async Task UsageErrors_AreOneLineOnStderrAndExitOne(string args, string message)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([message], run.ErrorLines);
        Assert.Empty(run.Output);
    }
}
